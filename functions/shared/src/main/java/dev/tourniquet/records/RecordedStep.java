package dev.tourniquet.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;

/**
 * One step as the incident record keeps it ({@code Outcome.stepsJson()}).
 *
 * @param step   the step id ({@code deactivate-access-key})
 * @param target the resource it acted on
 * @param result applied, already_applied, planned, skipped or failed
 * @param detail what it did
 * @param undo   how to undo it by hand
 * @param prior  the recorded prior state (a missing node when none was recorded)
 */
public record RecordedStep(String step, String target, String result, String detail, String undo, JsonNode prior) {

    public static RecordedStep from(JsonNode node) {
        return new RecordedStep(Json.text(node, "/step").orElse(""), Json.text(node, "/target").orElse(""),
                Json.text(node, "/result").orElse(""), Json.text(node, "/detail").orElse(""),
                Json.text(node, "/undo").orElse(""), node.path("prior"));
    }

    /**
     * Only a step that changed something has anything to restore: one applied, or one that failed after it
     * started its change (it records the state before; the change may have been made).
     */
    public boolean applied() {
        return "applied".equals(result) || ("failed".equals(result) && prior != null && prior.isObject());
    }
}
