package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.Step;
import java.util.List;

/**
 * What a playbook decided for one signal: the ordered steps, and why. Built without touching AWS.
 *
 * @param decision  act, alert only, or record only
 * @param rationale a sentence on why (the finding family, the exemption that applied …)
 * @param steps     the steps, in the order they run (empty unless {@code ACT})
 */
public record Plan(Signal signal, Decision decision, String rationale, List<Step> steps) {

    public Plan {
        steps = List.copyOf(steps);
    }

    public enum Decision {
        ACT, ALERT_ONLY, RECORD_ONLY;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Plan act(Signal signal, String rationale, List<Step> steps) {
        return new Plan(signal, Decision.ACT, rationale, steps);
    }

    public static Plan alertOnly(Signal signal, String rationale) {
        return new Plan(signal, Decision.ALERT_ONLY, rationale, List.of());
    }

    public static Plan recordOnly(Signal signal, String rationale) {
        return new Plan(signal, Decision.RECORD_ONLY, rationale, List.of());
    }

    /** {@code {"handler", "signal", "subject", "decision", "rationale", "steps": [{"action", "target"}]}}. */
    public ObjectNode toJson(String handler) {
        ObjectNode json = Json.object().put("handler", handler).put("signal", signal.signalType())
                .put("subject", signal.subject()).put("decision", decision.id()).put("rationale", rationale);
        ArrayNode array = json.putArray("steps");
        for (Step step : steps) {
            array.addObject().put("action", step.id()).put("target", step.target());
        }
        return json;
    }
}
