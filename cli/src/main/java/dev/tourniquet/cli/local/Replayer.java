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
import java.util.function.Predicate;

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
    private final java.util.function.Supplier<dev.tourniquet.flow.SweepBudget> budget;

    /** @param report receives one JSON document per delivery (what was routed where, and the response) */
    public Replayer(EventRouter router, Functions functions, LocalAccount account, Consumer<ObjectNode> report) {
        this(router, functions, account, report, 1, () -> dev.tourniquet.flow.SweepBudget.UNLIMITED);
    }

    private Replayer(EventRouter router, Functions functions, LocalAccount account, Consumer<ObjectNode> report,
                     int attempts, java.util.function.Supplier<dev.tourniquet.flow.SweepBudget> budget) {
        this.router = router;
        this.functions = functions;
        this.account = account;
        this.report = report;
        this.attempts = attempts;
        this.budget = budget;
    }

    /** The same routing with Lambda's delivery of asynchronous invocations: retries, then the dead-letter queue. */
    public Replayer asLambda() {
        return new Replayer(router, functions, account, report, LAMBDA_ATTEMPTS, budget);
    }

    /**
     * The same routing where each invocation gets the sweep budget {@code budget} gives (as Lambda's remaining time
     * would): a sweep that runs out continues through the chain events followed here. Unlimited by default.
     */
    public Replayer withSweepBudget(java.util.function.Supplier<dev.tourniquet.flow.SweepBudget> budget) {
        return new Replayer(router, functions, account, report, attempts, budget);
    }

    /** Delivers one event, and every chain event that follows from it; returns every delivery. */
    public List<ObjectNode> replay(JsonNode event) {
        return follow(deliver(event, bus(event), rule -> true));
    }

    /**
     * Delivers a failed delivery's event again to the same function, as Lambda retries a delivery its function
     * failed, and every chain event that follows; returns every delivery.
     *
     * @param failed a delivery {@link #replay} reported with an error (its line carries the event)
     */
    public List<ObjectNode> retry(ObjectNode failed) {
        JsonNode event = failed.path("body");
        if (!failed.has("error") || event.isMissingNode()) {
            throw new IllegalArgumentException("not a failed delivery: " + failed);
        }
        String rule = failed.path("rule").asText();
        return follow(deliver(event, failed.path("bus").asText(), r -> r.name().equals(rule)));
    }

    // The chain events the deliveries put on the bus, delivered the same way, until no more come.
    private List<ObjectNode> follow(List<ObjectNode> first) {
        List<ObjectNode> deliveries = new ArrayList<>(first);
        Deque<JsonNode> pending = new ArrayDeque<>(account.takeChainEvents());
        int hops = 1;
        while (!pending.isEmpty() && hops++ < MAX_HOPS) {
            JsonNode next = pending.poll();
            deliveries.addAll(deliver(next, bus(next), rule -> true));
            pending.addAll(account.takeChainEvents());
        }
        return deliveries;
    }

    private static String bus(JsonNode event) {
        return ChainEvents.SOURCE.equals(event.path("source").asText()) ? "tourniquet" : "default";
    }

    private List<ObjectNode> deliver(JsonNode event, String bus, Predicate<TemplateRules.Rule> chosen) {
        List<ObjectNode> deliveries = new ArrayList<>();
        List<TemplateRules.Rule> rules = router.route(event, bus).stream().filter(chosen).toList();
        if (rules.isEmpty()) {
            ObjectNode line = line(event, bus).put("rule", (String) null).put("result", "no rule matches");
            report.accept(line);
            deliveries.add(line);
        }
        for (TemplateRules.Rule rule : rules) {
            deliveries.add(deliverTo(rule, event, bus));
        }
        return deliveries;
    }

    private ObjectNode deliverTo(TemplateRules.Rule rule, JsonNode event, String bus) {
        long start = System.nanoTime();
        ObjectNode line = line(event, bus).put("rule", rule.name()).put("function", rule.function())
                .put("startNanos", start);
        invoke(rule, event, line);
        line.put("millis", (System.nanoTime() - start) / 1_000_000);
        report.accept(line);
        return line;
    }

    private void invoke(TemplateRules.Rule rule, JsonNode event, ObjectNode line) {
        for (int attempt = 1; attempt <= attempts; attempt++) {
            line.put("attempts", attempt).remove(List.of("error", "retryable", "unclassified", "body"));
            try {
                line.set("response", functions.responder(rule.handler()).handle(Delivery.read(event), budget.get()));
                return;
            } catch (IncidentFailedException e) {
                // The event goes with the error, so that the delivery can be retried (retry) or redone by hand.
                line.put("error", e.getMessage()).put("retryable", e.failure().retryable()).set("body", event);
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
