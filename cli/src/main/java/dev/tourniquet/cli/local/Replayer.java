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
 */
public final class Replayer {
    private static final int MAX_HOPS = 1000;

    private final EventRouter router;
    private final Functions functions;
    private final LocalAccount account;
    private final Consumer<ObjectNode> report;

    /** @param report receives one JSON document per delivery (what was routed where, and the response) */
    public Replayer(EventRouter router, Functions functions, LocalAccount account, Consumer<ObjectNode> report) {
        this.router = router;
        this.functions = functions;
        this.account = account;
        this.report = report;
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
            try {
                line.set("response", functions.responder(rule.handler()).handle(Delivery.read(event)));
            } catch (IncidentFailedException e) {
                line.put("error", e.getMessage()).put("retryable", e.failure().retryable());
            }
            line.put("millis", (System.nanoTime() - start) / 1_000_000);
            report.accept(line);
            deliveries.add(line);
        }
        return deliveries;
    }

    private static ObjectNode line(JsonNode event, String bus) {
        return Json.object().put("event", event.path("id").asText()).put("source", event.path("source").asText())
                .put("detailType", event.path("detail-type").asText()).put("bus", bus);
    }
}
