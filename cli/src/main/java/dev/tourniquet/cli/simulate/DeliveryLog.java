package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads what each delivery through the template's rules did (as {@code Replayer} reports it): a line for
 * the timeline, the incidents opened, and every step Tourniquet applied or, in plan mode, would apply.
 */
final class DeliveryLog {
    private final Set<String> incidents = new LinkedHashSet<>();
    private final List<StepTaken> steps = new ArrayList<>();

    /** One step of one incident, as its handler reported it. */
    record StepTaken(String incidentId, String function, String step, String target, String result, String detail) {
    }

    /** The timeline line for one delivery, and whether it changed (or would change) anything. */
    record Line(String text, boolean acted) {
    }

    Line read(JsonNode delivery) {
        if (delivery.path("rule").isNull() || delivery.path("rule").isMissingNode()) {
            return new Line("no rule in template.yaml matches " + delivery.path("detailType").asText() + " from "
                    + delivery.path("source").asText() + ": nothing handles it", false);
        }
        String function = functionName(delivery.path("function").asText());
        if (delivery.has("error")) {
            return new Line(function + " FAILED (" + (delivery.path("retryable").asBoolean() ? "Lambda retries"
                    : "alerted") + "): " + delivery.path("error").asText(), false);
        }
        JsonNode response = delivery.path("response");
        return switch (response.path("status").asText()) {
            case "recorded" -> new Line(function + ": recorded who made it (provenance of "
                    + response.path("provenance").asInt() + " resource(s))", false);
            case "rejected" -> new Line(function + ": rejected: " + response.path("reason").asText(), false);
            case "history_recorded", "nothing_new", "history_unavailable" -> new Line(function + ": " + history(response),
                    false);
            case "nothing_to_do" -> new Line(function + ": nothing to do" + (response.path("reason").asText("").isEmpty()
                    ? "" : ": " + response.path("reason").asText()), false);
            default -> incidents(function, response.path("incidents"));
        };
    }

    // The history sweep's answer: what CloudTrail's event history held that the events had not brought.
    private static String history(JsonNode response) {
        StringBuilder text = new StringBuilder("CloudTrail history (LookupEvents " + response.path("lookup").asText()
                + " in " + response.path("regions").asInt() + " regions): " + response.path("found").asInt()
                + " records, " + response.path("new").asInt() + " the events had not brought");
        if (!response.path("resources").isEmpty()) {
            List<String> names = new ArrayList<>();
            response.path("resources").forEach(r -> names.add(r.asText()));
            text.append(" (").append(String.join(", ", names)).append(")");
        }
        if (response.path("late").asInt() > 0) {
            text.append(", ").append(response.path("late").asInt()).append(" announced for containment");
        }
        if (response.has("reason")) {
            text.append(": ").append(response.path("reason").asText());
        }
        return text.toString();
    }

    Set<String> incidents() {
        return Set.copyOf(incidents);
    }

    List<StepTaken> steps() {
        return List.copyOf(steps);
    }

    private Line incidents(String function, JsonNode list) {
        List<String> parts = new ArrayList<>();
        boolean acted = false;
        for (JsonNode incident : list) {
            String id = incident.path("incidentId").asText();
            String claim = incident.path("claim").asText();
            if (claim.equals("duplicate") || claim.equals("stale")) {
                parts.add("incident " + id + ": " + claim + ", nothing to do");
                continue;
            }
            incidents.add(id);
            StringBuilder text = new StringBuilder("incident " + id + " (" + incident.path("decision").asText() + ")");
            for (JsonNode step : incident.path("steps")) {
                String result = step.path("result").asText();
                steps.add(new StepTaken(id, function, step.path("step").asText(), step.path("target").asText(), result,
                        step.path("detail").asText()));
                text.append("; ").append(step.path("step").asText()).append(' ').append(step.path("target").asText())
                        .append(": ").append(result);
                acted |= result.equals("applied");
            }
            parts.add(text.toString());
        }
        return new Line(function + ": " + (parts.isEmpty() ? "no incident" : String.join(" | ", parts)), acted);
    }

    /** {@code ContainCredentialFunction} → {@code contain-credential}, as the deployed function is named. */
    static String functionName(String logicalId) {
        String base = logicalId.endsWith("Function") && logicalId.length() > "Function".length()
                ? logicalId.substring(0, logicalId.length() - "Function".length()) : logicalId;
        return base.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
