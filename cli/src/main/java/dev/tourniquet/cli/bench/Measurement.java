package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Optional;

/**
 * The result of one measurement: its metrics, how they were measured, and raw details for bench.json.
 *
 * @param name    "warm containment" …
 * @param method  how it was measured, in a sentence or two (printed under the table)
 * @param metrics the numbers, in print order
 * @param skipped why it did not run, when it did not
 * @param details raw samples and settings (bench.json only)
 */
record Measurement(String name, String method, List<Metric> metrics, Optional<String> skipped, ObjectNode details) {

    static Measurement of(String name, String method, List<Metric> metrics, ObjectNode details) {
        return new Measurement(name, method, List.copyOf(metrics), Optional.empty(), details);
    }

    static Measurement skipped(String name, String method, String reason) {
        return new Measurement(name, method, List.of(), Optional.of(reason), Json.object());
    }

    boolean failed() {
        return metrics.stream().anyMatch(Metric::failed);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object().put("name", name).put("method", method);
        skipped.ifPresent(reason -> json.put("skipped", reason));
        ArrayNode array = json.putArray("metrics");
        metrics.forEach(metric -> array.add(metric.toJson()));
        json.set("details", details);
        return json;
    }
}
