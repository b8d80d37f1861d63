package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;

/** Which of Tourniquet's schedule rules sent an EventBridge {@code Scheduled Event}. */
final class Schedules {
    private Schedules() {}

    /**
     * Whether {@code event} is the Scheduled Event of the rule {@code ruleName}: from {@code aws.events}, naming the rule
     * exactly among its resources (in any region and partition; a longer name that ends the same is another rule).
     */
    static boolean isFrom(JsonNode event, String ruleName) {
        if (!"aws.events".equals(event.path("source").asText())
                || !"Scheduled Event".equals(event.path("detail-type").asText())) {
            return false;
        }
        for (JsonNode resource : event.path("resources")) {
            if (resource.asText().endsWith(":rule/" + ruleName)) {
                return true;
            }
        }
        return false;
    }
}
