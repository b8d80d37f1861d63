package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;

/**
 * The undo of each trail step ({@link CloudTrailStepKinds}) from its recorded prior state, which holds the trail and
 * region: what the tampering left, put back only because the owner asked for it with {@code ./tourniquet release}.
 */
final class CloudTrailReversals {
    private CloudTrailReversals() {}

    static String stopLogging(JsonNode prior, String trail, AwsClients clients) {
        if (prior.path("isLogging").asBoolean(true)) {
            return "trail " + trail + " was logging before: left logging";
        }
        TrailConfiguration.client(clients, prior.path("region").asText()).stopLogging(r -> r.name(trail));
        return "logging of trail " + trail + " stopped again, as it was";
    }

    static String restoreSettings(JsonNode prior, String trail, AwsClients clients) {
        TrailConfiguration.client(clients, prior.path("region").asText()).updateTrail(r -> r.name(trail)
                .isMultiRegionTrail(prior.path("isMultiRegionTrail").asBoolean())
                .includeGlobalServiceEvents(prior.path("includeGlobalServiceEvents").asBoolean()));
        return "trail " + trail + " set back to multi-region " + prior.path("isMultiRegionTrail").asBoolean()
                + ", global service events " + prior.path("includeGlobalServiceEvents").asBoolean();
    }

    static String restoreSelectors(JsonNode prior, String trail, AwsClients clients) {
        TrailConfiguration.put(TrailConfiguration.client(clients, prior.path("region").asText()), trail, prior);
        return "event selectors of trail " + trail + " set back as they were";
    }

    static String restoreInsights(JsonNode prior, String trail, AwsClients clients) {
        java.util.List<software.amazon.awssdk.services.cloudtrail.model.InsightSelector> selectors = new java.util.ArrayList<>();
        prior.path("insightTypes").forEach(t -> selectors.add(software.amazon.awssdk.services.cloudtrail.model
                .InsightSelector.builder().insightType(t.asText()).build()));
        TrailConfiguration.client(clients, prior.path("region").asText()).putInsightSelectors(r -> r.trailName(trail)
                .insightSelectors(selectors));
        return "Insights of trail " + trail + " set back to " + prior.path("insightTypes");
    }
}
