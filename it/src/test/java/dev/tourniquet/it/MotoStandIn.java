package dev.tourniquet.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A stand-in in front of moto for what moto cannot show (a JDK HttpServer on the loopback): each call goes to
 * {@link #answer}, which answers it itself or {@link #forward}s it upstream and {@link #relay}s the answer, as it is or
 * rewritten. The upstream is moto, or the fault proxy in front of it ({@link #upstream}): an upstream that drops the
 * connection drops this one too.
 */
abstract class MotoStandIn implements AutoCloseable {
    /** Headers of one connection (or that the JDK client sets itself): passed on neither way. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "keep-alive", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private volatile URI upstream;

    MotoStandIn(URI upstream, Executor executor) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where everything it passes on goes from now on (moto, or the fault proxy in front of it). */
    void upstream(URI target) {
        this.upstream = target;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Answers the call whose request body is {@code body}. */
    abstract void answer(HttpExchange exchange, byte[] body) throws IOException, InterruptedException;

    private void handle(HttpExchange exchange) {
        try (exchange) {
            answer(exchange, exchange.getRequestBody().readAllBytes());
        } catch (IOException e) {
            // The upstream dropped the connection (a fault proxy's reset): this one ends without an answer too.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The upstream's answer to the call with {@code body}, as operation {@code amzTarget} ({@code X-Amz-Target}; null:
     * the caller's header kept).
     */
    HttpResponse<byte[]> forward(HttpExchange exchange, String amzTarget, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower) && !(amzTarget != null && lower.equals("x-amz-target"))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        if (amzTarget != null) {
            request.header("X-Amz-Target", amzTarget);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends the caller {@code answer}'s status and headers, with {@code content} as its body. */
    static void relay(HttpExchange exchange, HttpResponse<byte[]> answer, byte[] content) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(answer.statusCode(), content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }
}
