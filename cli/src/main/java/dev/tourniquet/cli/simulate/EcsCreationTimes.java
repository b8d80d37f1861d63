package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in in front of moto server for ECS only, for what moto lacks: a task's and a service's {@code createdAt}
 * (moto's {@code DescribeTasks} and {@code DescribeServices} answers have none; AWS's always do). Every call is passed
 * to moto unchanged; in the answers of {@code RunTask}, {@code StartTask}, {@code CreateService},
 * {@code DescribeTasks} and {@code DescribeServices} each task and service gets the {@code createdAt} of the first
 * answer that named it (epoch seconds, as the JSON protocol writes timestamps) — so a task is dated when the scene ran
 * it through this stand-in, as AWS dates it when it is run (a task or service made past it, straight on moto, is dated
 * when an answer through it first names it). Used by simulate and by the emulator tests.
 */
public final class EcsCreationTimes implements AutoCloseable {
    private static final Set<String> DATED = Set.of("RunTask", "StartTask", "CreateService", "DescribeTasks",
            "DescribeServices");
    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private final HttpServer server;
    private volatile URI moto;
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, Instant> created = new ConcurrentHashMap<>();

    private EcsCreationTimes(URI moto) throws IOException {
        this.moto = moto;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    /**
     * A stand-in in front of {@code moto} dating on the wall clock, as moto dates every other resource: the exposure
     * hold judges what appeared by the wall clock too (a date on simulate's clock, which runs ahead, would look made
     * after the hold's "now" and never be held).
     */
    public static EcsCreationTimes in(URI moto) {
        try {
            return new EcsCreationTimes(moto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, passes the calls to {@code upstream} instead (a fault proxy in front of moto). */
    public void upstream(URI upstream) {
        this.moto = upstream;
    }

    /** Dates a task or service as created at {@code at} (a scene's resource made "before" a window). */
    public void created(String arn, Instant at) {
        created.put(arn, at);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
            byte[] answer = response.statusCode() == 200 && DATED.contains(operation) ? dated(response.body())
                    : response.body();
            response.headers().firstValue("Content-Type").ifPresent(t -> exchange.getResponseHeaders().add(
                    "Content-Type", t));
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private byte[] dated(byte[] body) throws IOException {
        JsonNode answer = Json.MAPPER.readTree(body);
        for (String list : new String[] {"tasks", "services"}) {
            answer.path(list).forEach(this::date);
        }
        if (answer.path("service").isObject()) {
            date(answer.path("service"));
        }
        return Json.MAPPER.writeValueAsBytes(answer);
    }

    private void date(JsonNode resource) {
        String arn = resource.path("taskArn").asText(resource.path("serviceArn").asText(""));
        if (!arn.isEmpty() && !resource.has("createdAt")) {
            Instant at = created.computeIfAbsent(arn, a -> Instant.now());
            ((ObjectNode) resource).put("createdAt", at.toEpochMilli() / 1000.0);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
