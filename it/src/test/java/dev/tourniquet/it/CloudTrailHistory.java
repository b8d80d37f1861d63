package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's event history in front of moto, which has no {@code LookupEvents}: a small HTTP stand-in that answers
 * {@code LookupEvents} (JSON 1.1) from the records a test puts in each region's history, and forwards every other
 * call, unchanged, to the emulator behind it (trail settings, or every call of every service when it stands in
 * front of all of them).
 *
 * <p>As CloudTrail does: one region per call (read from the SigV4 scope of the {@code Authorization} header), one
 * lookup attribute ({@code AccessKeyId} matched against {@code userIdentity.accessKeyId}, {@code Username} against
 * {@code userIdentity.userName}, {@code EventName} against {@code eventName}; any other attribute finds nothing
 * here), {@code StartTime}/{@code EndTime}
 * inclusive, newest first, {@code MaxResults} (at most {@value #PAGE} here, so that a short history already has
 * pages) and an opaque {@code NextToken}.
 */
final class CloudTrailHistory implements AutoCloseable {
    static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    static final int PAGE = 2;
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,]+/\\d{8}/([^/,]+)/");
    private static final Set<String> UNFORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, List<JsonNode>> history = new ConcurrentHashMap<>();
    private final List<String> lookups = new CopyOnWriteArrayList<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> failing = new ConcurrentHashMap<>();
    private volatile URI upstream;

    private CloudTrailHistory(URI upstream) throws IOException {
        this.upstream = upstream;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    /** A stand-in forwarding what it does not answer to {@code upstream} (which may be set later). */
    static CloudTrailHistory start(URI upstream) {
        try {
            return new CloudTrailHistory(upstream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where calls other than LookupEvents go. */
    void forwardTo(URI upstream) {
        this.upstream = upstream;
    }

    /** Puts the CloudTrail record of an EventBridge event ({@code detail}) into its region's history. */
    void add(JsonNode deliveredEvent) {
        JsonNode record = deliveredEvent.path("detail");
        history.computeIfAbsent(record.path("awsRegion").asText(), r -> new CopyOnWriteArrayList<>()).add(record);
    }

    /**
     * The next {@code times} LookupEvents of {@code region} are answered as CloudTrail answers a failure on its side
     * (HTTP 500, {@code InternalFailure}), which the SDK retries and then gives up on.
     */
    void failNext(String region, int times) {
        failing.put(region, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    /** Every LookupEvents asked, as {@code region attribute=value}. */
    List<String> lookups() {
        return List.copyOf(lookups);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (TARGET.equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))) {
                Matcher scope = SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                String region = scope.find() ? scope.group(1) : "";
                java.util.concurrent.atomic.AtomicInteger failures = failing.get(region);
                if (failures != null && failures.getAndDecrement() > 0) {
                    lookups.add(region + " failed");
                    send(exchange, 500, "application/x-amz-json-1.1", ("{\"__type\":\"InternalFailure\",\"message\":"
                            + "\"Internal failure\"}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
                send(exchange, 200, "application/x-amz-json-1.1",
                        Json.write(lookUp(region, Json.MAPPER.readTree(body))).getBytes(StandardCharsets.UTF_8));
            } else {
                forward(exchange, body);
            }
        }
    }

    private ObjectNode lookUp(String region, JsonNode request) {
        String attribute = request.at("/LookupAttributes/0/AttributeKey").asText();
        String value = request.at("/LookupAttributes/0/AttributeValue").asText();
        lookups.add(region + " " + attribute + "=" + value);
        String field = switch (attribute) {
            case "AccessKeyId" -> "/userIdentity/accessKeyId";
            case "Username" -> "/userIdentity/userName";
            case "EventName" -> "/eventName";
            default -> null;
        };
        Instant start = request.has("StartTime") ? seconds(request.path("StartTime")) : Instant.EPOCH;
        Instant end = request.has("EndTime") ? seconds(request.path("EndTime")) : Instant.MAX;
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode record : history.getOrDefault(region, List.of())) {
            Instant time = Instant.parse(record.path("eventTime").asText());
            if (field != null && record.at(field).asText().equals(value) && !time.isBefore(start) && !time.isAfter(end)) {
                matching.add(record);
            }
        }
        matching.sort((a, b) -> b.path("eventTime").asText().compareTo(a.path("eventTime").asText()));
        int size = Math.min(PAGE, request.path("MaxResults").asInt(PAGE));
        int from = request.hasNonNull("NextToken") ? Integer.parseInt(request.path("NextToken").asText()
                .substring("page-".length())) : 0;
        ObjectNode answer = Json.object();
        ArrayNode events = answer.putArray("Events");
        for (JsonNode record : matching.subList(Math.min(from, matching.size()), Math.min(from + size, matching.size()))) {
            CloudTrailStub.historyEvent(events, record);
        }
        if (from + size < matching.size()) {
            answer.put("NextToken", "page-" + (from + size));
        }
        return answer;
    }

    private static Instant seconds(JsonNode epochSeconds) {
        return Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI target = upstream.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted forwarding " + target, e);
        }
        answer.headers().map().forEach((name, values) -> {
            if (!UNFORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        send(exchange, answer.statusCode(), null, answer.body());
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
