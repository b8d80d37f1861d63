package dev.tourniquet.flow;

import dev.tourniquet.internal.Connections;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Delivery;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.crac.Core;
import org.crac.Resource;

/**
 * The Lambda entry point every function shares: reads the EventBridge event, hands it to the
 * function's {@link FunctionFlow}, writes the response. Malformed JSON is rejected (logged, returned normally) so that
 * it never turns into a retry storm.
 *
 * <p>With SnapStart, {@link #beforeCheckpoint} primes the snapshot: it loads the TLS trust store, builds
 * every SDK client the records need, reads one incident that never exists (so that the request path runs
 * once) and plans the function's sample events offline, so that clients, the request path, parsing and
 * planning are loaded and compiled before the first real event.
 */
public abstract class EventHandler implements RequestStreamHandler, Resource {
    static {
        readyJsonInBackground();
    }

    protected EventHandler() {
        Core.getGlobalContext().register(this);
    }

    /** The function's flow, built once per execution environment. */
    protected abstract FunctionFlow responder();

    /** Classpath resources of sample events used to prime the snapshot. */
    protected abstract java.util.List<String> primingEvents();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] bytes = input.readAllBytes();
        JsonNode event;
        try {
            event = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            // Logged and alerted by the responder, as every rejected event is; never retried.
            output.write(Json.write(responder().handle(Delivery.unreadable("the event is not JSON: "
                    + e.getMessage().lines().findFirst().orElse("")))).getBytes(StandardCharsets.UTF_8));
            return;
        }
        output.write(Json.write(responder().handle(Delivery.read(event), budget(context)))
                .getBytes(StandardCharsets.UTF_8));
    }

    // The invocation's deadline reaches the sweep as a budget, never as a global: each delivery has its own.
    static SweepBudget budget(Context context) {
        return context == null ? SweepBudget.UNLIMITED : SweepBudget.remaining(
                java.time.Duration.ofMillis(context.getRemainingTimeInMillis()), java.time.Clock.systemUTC());
    }

    // Jackson's first use costs 40-60 ms of class initialisation at a cold start. Started as soon as the
    // handler class is loaded, it runs on another core while the handler builds its first SDK client (the
    // SDK's own start-up, ~80 ms), and the event is then read without waiting for it.
    private static void readyJsonInBackground() {
        Thread thread = new Thread(() -> {
            try {
                Json.MAPPER.readTree("{\"ready\":[true,1]}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Jackson cannot read its own sample", e);
            }
        }, "tourniquet-json");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws Exception {
        // Clients are built on first use (a cold start without SnapStart builds them after containing);
        // the snapshot should hold them all.
        Connections.awaitTls();
        responder().primeClients();
        for (String resource : primingEvents()) {
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                if (in != null) {
                    responder().planOffline(Delivery.read(Json.MAPPER.readTree(in)));
                }
            }
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: clients resolve credentials per request from the container endpoint.
    }
}
