package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unit test's CloudTrail: {@code LookupEvents} (JSON 1.1) of the records given per region (read from the SigV4
 * scope), by {@code AccessKeyId}, from {@code StartTime}, {@code pageSize} a page with {@code NextToken}; a region
 * can be made to answer an error instead. Every request is kept, with its region.
 */
final class HistoryServer implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/([^/]+)/");

    /** One request as received. */
    record Request(String region, JsonNode body) {
    }

    private final HttpServer server;
    private final int pageSize;
    private final Map<String, List<ObjectNode>> records = new ConcurrentHashMap<>();
    private final Map<String, Integer> errors = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    HistoryServer(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A CloudTrail record of {@code region}'s history. */
    void add(String region, ObjectNode record) {
        records.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>()).add(record);
    }

    /** {@code region} answers with this status: 400 AccessDeniedException, 500 an HTML page without an error code. */
    void fail(String region, int status) {
        errors.put(region, status);
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
        Matcher scope = SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String region = scope.find() ? scope.group(1) : "";
        requests.add(new Request(region, body));
        Integer status = errors.get(region);
        if (status != null) {
            send(exchange, status, status >= 500 ? "<html>Internal Server Error</html>"
                    : "{\"__type\":\"AccessDeniedException\",\"message\":\"not allowed\"}");
            return;
        }
        String key = body.at("/LookupAttributes/0/AttributeValue").asText();
        Instant start = Instant.ofEpochMilli((long) (body.path("StartTime").asDouble(0) * 1000));
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode record : records.getOrDefault(region, List.of())) {
            if (record.at("/userIdentity/accessKeyId").asText().equals(key)
                    && !Instant.parse(record.path("eventTime").asText()).isBefore(start)) {
                matching.add(record);
            }
        }
        int from = body.path("NextToken").asInt(0);
        ObjectNode page = Json.object();
        ArrayNode events = page.putArray("Events");
        for (ObjectNode record : matching.subList(from, Math.min(from + pageSize, matching.size()))) {
            events.addObject().put("EventId", record.path("eventID").asText())
                    .put("EventName", record.path("eventName").asText())
                    .put("EventTime", Instant.parse(record.path("eventTime").asText()).getEpochSecond())
                    .put("CloudTrailEvent", record.has("unreadable") ? "{not json" : Json.write(record));
        }
        if (from + pageSize < matching.size()) {
            page.put("NextToken", String.valueOf(from + pageSize));
        }
        send(exchange, 200, Json.write(page));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status == 500 ? "text/html" : "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
