package dev.tourniquet.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tourniquet.edge.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The step record an incident keeps across attempts. A later attempt (a retry, or a duplicate delivery
 * running at the same time) finds done what an earlier one applied and reports it {@code already_applied},
 * with the changed state as its "prior"; kept as is, it would hide the real prior state that release puts
 * back. So for every step and target the attempt that applied it wins, whichever attempt closes last, and
 * a step an earlier attempt applied is never dropped.
 */
public final class StepRecords {
    private static final String APPLIED = "applied";

    private StepRecords() {}

    /**
     * @param earlier the steps recorded so far (JSON array; empty when none)
     * @param latest  the steps of the attempt now closing (JSON array)
     * @return the steps to record (JSON array)
     */
    public static String merge(String earlier, String latest) {
        Map<String, JsonNode> applied = new LinkedHashMap<>();
        for (JsonNode step : read(earlier)) {
            if (APPLIED.equals(step.path("result").asText())) {
                applied.put(key(step), step);
            }
        }
        ArrayNode merged = Json.MAPPER.createArrayNode();
        for (JsonNode step : read(latest)) {
            JsonNode earlierApplied = applied.remove(key(step));
            merged.add(earlierApplied != null && !APPLIED.equals(step.path("result").asText()) ? earlierApplied : step);
        }
        applied.values().forEach(merged::add);
        return Json.write(merged);
    }

    private static String key(JsonNode step) {
        return step.path("step").asText() + "\n" + step.path("target").asText();
    }

    private static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return Json.MAPPER.createArrayNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the incident's step record is not JSON", e);
        }
    }
}
