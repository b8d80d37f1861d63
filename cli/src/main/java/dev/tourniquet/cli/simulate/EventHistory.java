package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's event history in front of the emulator, which has no {@code LookupEvents}: a loopback HTTP
 * stand-in that answers {@code LookupEvents} (JSON 1.1) from the CloudTrail records of this run, region by
 * region (the region the request is signed for), and passes every other CloudTrail call on to the emulator.
 *
 * <p>A record is in the history of the region it was called in (IAM's in us-east-1) once its history delay
 * has passed on the simulated clock, whether or not any Tourniquet stack received its event: in a region
 * without one, the history is the only place it is. Filters as {@code LookupEvents} documents them: one
 * lookup attribute ({@code AccessKeyId}, {@code Username}, {@code EventName}, {@code EventSource},
 * {@code EventId}, {@code ResourceName}, {@code ResourceType}, {@code ReadOnly}), {@code StartTime} and
 * {@code EndTime} inclusive, newest first, {@code MaxResults} up to 50, {@code NextToken}. The simulated
 * clock runs ahead of Tourniquet's wall clock (a 15-minute attack plays in seconds): an {@code EndTime} at
 * the handler's "now" means "until now", which here is the simulated now.
 *
 * @see <a href="https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html">LookupEvents</a>
 */
final class EventHistory implements AutoCloseable {
    static final String LOOKUP_EVENTS = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    private static final Pattern SIGNED_REGION = Pattern.compile("Credential=[^/]+/\\d{8}/([a-z0-9-]+)/cloudtrail/");
    private static final Duration NOW_SLACK = Duration.ofSeconds(30);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final URI emulator;
    private final Supplier<Instant> simulatedNow;
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final AtomicLong lookups = new AtomicLong();
    private final Set<String> regionsAsked = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** One record in one region's history, visible from {@code visibleAt} (wall-clock form of simulated time). */
    private record Entry(String region, Instant visibleAt, Instant eventTime, JsonNode record) {
    }

    private EventHistory(HttpServer server, URI emulator, Supplier<Instant> simulatedNow) {
        this.server = server;
        this.emulator = emulator;
        this.simulatedNow = simulatedNow;
    }

    /**
     * @param emulator     where every other CloudTrail call goes (loopback only)
     * @param simulatedNow the simulated clock, as an instant (the push time plus the simulated time played)
     */
    static EventHistory start(URI emulator, Supplier<Instant> simulatedNow) {
        if (!Loopback.isLoopbackHost(emulator.getHost())) {
            throw new IllegalArgumentException("the event history only fronts a loopback emulator, not " + emulator);
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            EventHistory history = new EventHistory(server, emulator, simulatedNow);
            server.createContext("/", history::handle);
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "simulate-event-history");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return history;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the event history stand-in", e);
        }
    }

    /** Where CloudTrail's clients are sent ({@code Configuration.withServiceEndpoint("cloudtrail", …)}). */
    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** Keeps a CloudTrail record (an event's {@code detail}) in {@code region}'s history from {@code visibleAt}. */
    void record(String region, JsonNode record, Instant visibleAt) {
        entries.add(new Entry(region, visibleAt, Instant.parse(record.path("eventTime").asText()), record));
    }

    /** {@code LookupEvents} requests answered so far. */
    long lookups() {
        return lookups.get();
    }

    /** The regions those requests asked about. */
    List<String> regionsAsked() {
        return regionsAsked.stream().sorted().toList();
    }

    /** The {@code LookupEvents} answer for one request body in one region, as the stand-in gives it. */
    ObjectNode lookup(String region, JsonNode request) {
        Instant now = simulatedNow.get();
        Instant start = time(request.path("StartTime")).orElse(Instant.EPOCH);
        // An end at (or after) the wall clock's now means "until now": the simulated now, which runs ahead of it.
        Instant end = time(request.path("EndTime")).filter(e -> e.isBefore(Instant.now().minus(NOW_SLACK)))
                .orElse(Instant.MAX);
        JsonNode attribute = request.path("LookupAttributes").path(0);
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.region().equals(region) && !entry.visibleAt().isAfter(now) && !entry.eventTime().isBefore(start)
                    && !entry.eventTime().isAfter(end) && matches(entry.record(), attribute)) {
                found.add(entry);
            }
        }
        found.sort(Comparator.comparing(Entry::eventTime).reversed());
        int max = Math.max(1, Math.min(50, request.path("MaxResults").asInt(50)));
        int from = request.path("NextToken").isTextual() ? Integer.parseInt(request.path("NextToken").asText()) : 0;
        ObjectNode body = Json.object();
        ArrayNode events = body.putArray("Events");
        found.stream().skip(from).limit(max).forEach(entry -> events.add(event(entry.record())));
        if (from + max < found.size()) {
            body.put("NextToken", String.valueOf(from + max));
        }
        return body;
    }

    private static boolean matches(JsonNode record, JsonNode attribute) {
        if (attribute.isMissingNode()) {
            return true;
        }
        String value = attribute.path("AttributeValue").asText();
        return switch (attribute.path("AttributeKey").asText()) {
            case "AccessKeyId" -> value.equals(record.at("/userIdentity/accessKeyId").asText());
            case "Username" -> value.equals(record.at("/userIdentity/userName").asText());
            case "EventName" -> value.equals(record.path("eventName").asText());
            case "EventSource" -> value.equals(record.path("eventSource").asText());
            case "EventId" -> value.equals(record.path("eventID").asText());
            case "ReadOnly" -> value.equalsIgnoreCase(record.path("readOnly").asText("false"));
            case "ResourceName" -> HistoryResources.of(record).stream().anyMatch(r -> r.name().equals(value));
            case "ResourceType" -> HistoryResources.of(record).stream().anyMatch(r -> r.type().equals(value));
            default -> false;
        };
    }

    // One Events[] element: the fields LookupEvents returns, the record itself as a JSON string.
    private static ObjectNode event(JsonNode record) {
        ObjectNode event = Json.object().put("EventId", record.path("eventID").asText())
                .put("EventName", record.path("eventName").asText())
                .put("ReadOnly", record.path("readOnly").asText("false"))
                .put("AccessKeyId", record.at("/userIdentity/accessKeyId").asText())
                .put("EventTime", Instant.parse(record.path("eventTime").asText()).toEpochMilli() / 1000.0)
                .put("EventSource", record.path("eventSource").asText())
                .put("Username", record.at("/userIdentity/userName").asText());
        ArrayNode resources = event.putArray("Resources");
        HistoryResources.of(record).forEach(r -> resources.addObject().put("ResourceType", r.type())
                .put("ResourceName", r.name()));
        event.put("CloudTrailEvent", Json.write(record));
        return event;
    }

    private static java.util.Optional<Instant> time(JsonNode node) {
        if (node.isNumber()) {
            return java.util.Optional.of(Instant.ofEpochMilli(Math.round(node.asDouble() * 1000)));
        }
        if (node.isTextual()) {
            return java.util.Optional.of(Instant.parse(node.asText()));
        }
        return java.util.Optional.empty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!LOOKUP_EVENTS.equals(target)) {
                pass(exchange, body);
                return;
            }
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            Matcher signed = SIGNED_REGION.matcher(authorization);
            String region = signed.find() ? signed.group(1) : "us-east-1";
            lookups.incrementAndGet();
            regionsAsked.add(region);
            byte[] answer = Json.write(lookup(region, Json.MAPPER.readTree(body.length == 0 ? "{}".getBytes(
                    StandardCharsets.UTF_8) : body))).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    // Every other CloudTrail call (trail settings) is the emulator's.
    private void pass(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
