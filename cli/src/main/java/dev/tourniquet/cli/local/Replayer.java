package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.IncidentFailedException;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.ChainEvents;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Routes events through the template's rules (event-ruler) into the real handler code, then routes
 * the chain events those handlers put on Tourniquet's bus the same way, until no more come.
 *
 * <p>By default each delivery is one invocation, and its failure is reported. With {@link #asLambda()} a
 * failed invocation is retried as Lambda retries an asynchronous one (two more attempts; the minutes Lambda
 * waits between them are not waited here), then the event goes to the dead-letter queue with the error, as the
 * function's {@code EventInvokeConfig} sends it. Any exception counts as a failed invocation there, as in
 * Lambda; a failure Tourniquet did not classify is marked {@code unclassified}.
 */
public final class Replayer {
    private static final int MAX_HOPS = 1000;
    private static final int LAMBDA_ATTEMPTS = 3;

    private final EventRouter router;
    private final Functions functions;
    private final LocalAccount account;
    private final Consumer<ObjectNode> report;
    private final int attempts;

    /** @param report receives one JSON document per delivery (what was routed where, and the response) */
    public Replayer(EventRouter router, Functions functions, LocalAccount account, Consumer<ObjectNode> report) {
        this(router, functions, account, report, 1);
    }

    private Replayer(EventRouter router, Functions functions, LocalAccount account, Consumer<ObjectNode> report,
                     int attempts) {
        this.router = router;
        this.functions = functions;
        this.account = account;
        this.report = report;
        this.attempts = attempts;
    }

    /** The same routing with Lambda's delivery of asynchronous invocations: retries, then the dead-letter queue. */
    public Replayer asLambda() {
        return new Replayer(router, functions, account, report, LAMBDA_ATTEMPTS);
    }

    /** Delivers one event, and every chain event that follows from it; returns every delivery. */
    public List<ObjectNode> replay(JsonNode event) {
        List<ObjectNode> deliveries = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.add(event);
        int hops = 0;
        while (!pending.isEmpty() && hops++ < MAX_HOPS) {
            JsonNode next = pending.poll();
            String bus = ChainEvents.SOURCE.equals(next.path("source").asText()) ? "tourniquet" : "default";
            deliveries.addAll(deliver(next, bus));
            pending.addAll(account.takeChainEvents());
        }
        return deliveries;
    }

    private List<ObjectNode> deliver(JsonNode event, String bus) {
        List<ObjectNode> deliveries = new ArrayList<>();
        List<TemplateRules.Rule> rules = router.route(event, bus);
        if (rules.isEmpty()) {
            ObjectNode line = line(event, bus).put("rule", (String) null).put("result", "no rule matches");
            report.accept(line);
            deliveries.add(line);
        }
        for (TemplateRules.Rule rule : rules) {
            long start = System.nanoTime();
            ObjectNode line = line(event, bus).put("rule", rule.name()).put("function", rule.function());
            invoke(rule, event, line);
            line.put("millis", (System.nanoTime() - start) / 1_000_000);
            report.accept(line);
            deliveries.add(line);
        }
        return deliveries;
    }

    private void invoke(TemplateRules.Rule rule, JsonNode event, ObjectNode line) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            line.put("attempts", attempt).remove(List.of("error", "retryable", "unclassified"));
            try {
                line.set("response", functions.responder(rule.handler()).handle(Delivery.read(event)));
                return;
            } catch (IncidentFailedException e) {
                line.put("error", e.getMessage()).put("retryable", e.failure().retryable());
            } catch (RuntimeException e) {
                if (attempts == 1) {
                    throw e;
                }
                line.put("error", e.toString()).put("unclassified", true);
            }
        }
        if (attempts > 1) {
            account.deadLetter(rule.function(), event, line.path("error").asText());
            line.put("deadLettered", true);
        }
    }

    private static ObjectNode line(JsonNode event, String bus) {
        return Json.object().put("event", event.path("id").asText()).put("source", event.path("source").asText())
                .put("detailType", event.path("detail-type").asText()).put("bus", bus);
    }
}
