package dev.tourniquet.cli.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Loopback;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on loopback in front of the emulator that fails a set share of AWS calls the way AWS APIs
 * really fail: throttled or refused with a 5xx before the call reaches the service, the connection reset
 * before it does, or — the hardest — the call applied by the service and its answer lost (a 5xx, or a stall
 * and a dropped connection, after the service has acted), so that the caller's retry must be idempotent.
 *
 * <p>Errors are written in each service's own protocol (query XML for IAM, STS, SNS and Auto Scaling, EC2's
 * XML, JSON for DynamoDB, EventBridge and CloudTrail, REST-JSON for Lambda and Scheduler, S3's XML), so the
 * SDK parses them as it parses AWS's. A client read time-out is represented by a short stall and a dropped
 * connection: the SDK handles both as the same retryable I/O failure, and a real 20 s time-out per fault would
 * make a test run hours. Faults are drawn from a seeded random source: a run is repeatable in what it injects,
 * not in thread interleaving. Only for loopback targets: it refuses anything else.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "transfer-encoding", "keep-alive", "date");

    /** A kind of fault, in the order a call meets it. */
    public enum Fault {
        /** Refused as throttled before the service sees it. */
        THROTTLED,
        /** A 5xx before the service sees it. */
        SERVER_ERROR,
        /** The connection reset before the service sees it. */
        RESET,
        /** Applied by the service; the answer replaced by a 5xx. */
        APPLIED_ANSWER_LOST,
        /** Applied by the service; the answer never comes (a stall, then the connection drops). */
        APPLIED_TIMED_OUT
    }

    private final HttpServer server;
    private final URI target;
    private final double rate;
    private final Random random;
    private final List<Fault> faults;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicLong calls = new AtomicLong();
    private final java.util.Queue<Map.Entry<String, Fault>> targeted = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Queue<Map.Entry<String, String>> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean enabled = true;

    private FaultProxy(URI target, double rate, long seed, List<Fault> faults) throws IOException {
        if (!Loopback.isLoopbackHost(target.getHost())) {
            throw new IllegalArgumentException("the fault proxy only fronts a loopback emulator, not " + target);
        }
        this.target = target;
        this.rate = rate;
        this.random = new Random(seed);
        this.faults = List.copyOf(faults);
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicLong());
        }
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** A proxy in front of {@code target} failing {@code rate} (0..1) of calls with every kind of fault. */
    public static FaultProxy start(URI target, double rate, long seed) {
        return start(target, rate, seed, List.of(Fault.values()));
    }

    public static FaultProxy start(URI target, double rate, long seed, List<Fault> faults) {
        try {
            return new FaultProxy(target, rate, seed, faults);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the fault proxy: " + e.getMessage(), e);
        }
    }

    /** Where clients send their calls instead of the emulator. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops or resumes injecting (a scene is built, and inspected, without faults). */
    public void enabled(boolean on) {
        this.enabled = on;
    }

    /**
     * Fails the next call of {@code operation} ({@code RevokeSecurityGroupEgress}, {@code UpdateItem}: the
     * query {@code Action} or the {@code X-Amz-Target} operation) with {@code fault}, whether or not random
     * faults are on: a test aims the hardest case at the one call it is about.
     */
    public void failNext(String operation, Fault fault) {
        targeted.add(Map.entry(operation, fault));
    }

    /**
     * Answers the next call of {@code operation} as the service refuses it with {@code code} (a query-protocol
     * service such as IAM), without forwarding it: the stand-in for what the emulator never refuses, such as IAM's
     * quota of managed policies per user ({@code LimitExceeded}).
     */
    public void refuseNext(String operation, String code) {
        refused.add(Map.entry(operation, code));
    }

    /** How many of each fault were injected. */
    public Map<Fault, Long> injected() {
        Map<Fault, Long> counts = new EnumMap<>(Fault.class);
        injected.forEach((fault, count) -> counts.put(fault, count.get()));
        return counts;
    }

    /** How many calls came through while random faults were on. */
    public long calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (enabled) {
            calls.incrementAndGet();
        }
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            AwsProtocol protocol = AwsProtocol.of(exchange, body);
            String operation = AwsProtocol.operation(exchange, body);
            java.util.Optional<Map.Entry<String, String>> refusal = refused.stream()
                    .filter(r -> r.getKey().equals(operation) && refused.remove(r)).findFirst();
            if (refusal.isPresent()) {
                protocol.refuse(exchange, refusal.get().getValue());
                return;
            }
            Fault fault = aimed(operation);
            fault = fault != null ? fault : draw();
            if (fault != null) {
                injected.get(fault).incrementAndGet();
            }
            if (fault == Fault.RESET) {
                return; // closing without an answer: the client sees its connection end
            }
            if (fault == Fault.THROTTLED || fault == Fault.SERVER_ERROR) {
                protocol.error(exchange, fault == Fault.THROTTLED);
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            if (fault == Fault.APPLIED_ANSWER_LOST) {
                protocol.error(exchange, false);
                return;
            }
            if (fault == Fault.APPLIED_TIMED_OUT) {
                pause(300);
                return;
            }
            relay(exchange, answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Fault aimed(String operation) {
        for (Map.Entry<String, Fault> aim : targeted) {
            if (aim.getKey().equals(operation) && targeted.remove(aim)) {
                return aim.getValue();
            }
        }
        return null;
    }

    private Fault draw() {
        if (!enabled || faults.isEmpty()) {
            return null;
        }
        synchronized (random) {
            return random.nextDouble() < rate ? faults.get(random.nextInt(faults.size())) : null;
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> answer) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] content = answer.body();
        boolean empty = content.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : content.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        }
    }

    private static void pause(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }
}
