package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.Optional;

/**
 * One reported number, with its unit and, when it has one, the target it is held to.
 *
 * @param name   what was measured ("handler p50")
 * @param value  the number; NaN when it could not be measured
 * @param unit   "ms", "MB", "x" (a ratio) …
 * @param target an upper bound the value must not exceed, if any
 */
record Metric(String name, double value, String unit, Optional<Double> target) {

    static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, Optional.empty());
    }

    static Metric atMost(String name, double value, String unit, double limit) {
        return new Metric(name, value, unit, Optional.of(limit));
    }

    /** "pass", "FAIL", or "" when there is no target. An unmeasured value never passes. */
    String verdict() {
        return target.map(limit -> !Double.isNaN(value) && value <= limit ? "pass" : "FAIL").orElse("");
    }

    boolean failed() {
        return "FAIL".equals(verdict());
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object().put("name", name).put("unit", unit);
        if (Double.isNaN(value)) {
            json.putNull("value");
        } else {
            json.put("value", Math.round(value * 1000) / 1000.0);
        }
        target.ifPresent(limit -> json.put("atMost", limit).put("result", verdict()));
        return json;
    }
}
