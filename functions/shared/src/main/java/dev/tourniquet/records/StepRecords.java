package dev.tourniquet.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The step record an incident keeps across attempts. A later attempt (a retry, or a duplicate delivery
 * running at the same time) reports {@code already_applied} for what an earlier one did, with the changed
 * state as its "prior", and it may apply a step again (a new session cut-off) with the earlier attempt's
 * change as its prior. Release undoes the applied records newest first, so every one of them is kept, in
 * the order the attempts closed: undoing the later one and then the earlier one puts back the state from
 * before the first. What an attempt did not apply is kept only where no attempt applied that step.
 */
final class StepRecords {
    private static final String APPLIED = "applied";

    private StepRecords() {}

    /**
     * @param recorded the steps recorded by the attempts closed so far (JSON array; empty when none)
     * @param closing  the steps of the attempt now closing (JSON array)
     * @return the steps to record (JSON array)
     */
    public static String merge(String recorded, String closing) {
        ArrayNode merged = Json.MAPPER.createArrayNode();
        Set<String> applied = new HashSet<>();
        for (JsonNode step : read(recorded)) {
            if (applied(step)) {
                merged.add(step);
                applied.add(key(step));
            }
        }
        for (JsonNode step : read(closing)) {
            if (applied(step) || !applied.contains(key(step))) {
                merged.add(step);
            }
        }
        return Json.write(merged);
    }

    // A failed step that had started its change carries the prior state: it may have changed the resource.
    private static boolean applied(JsonNode step) {
        return APPLIED.equals(step.path("result").asText())
                || ("failed".equals(step.path("result").asText()) && step.hasNonNull("prior"));
    }

    private static String key(JsonNode step) {
        return step.path("step").asText() + "\n" + step.path("target").asText();
    }

    static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return Json.MAPPER.createArrayNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("a step record (an incident's or a release's) is not JSON", e);
        }
    }
}
