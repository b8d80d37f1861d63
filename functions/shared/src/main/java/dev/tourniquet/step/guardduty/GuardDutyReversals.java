package dev.tourniquet.step.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.guardduty.model.DetectorFeatureConfiguration;

/**
 * The undo of each GuardDuty step ({@link GuardDutyStepKinds}) from its recorded prior state (which holds the region
 * and detector): what the tampering left, put back only because the owner asked with {@code ./tourniquet release}.
 */
final class GuardDutyReversals {
    private GuardDutyReversals() {}

    static String restoreDetector(JsonNode prior, String detectorId, AwsClients clients) {
        List<DetectorFeatureConfiguration> features = new ArrayList<>();
        prior.path("features").forEach(f -> features.add(DetectorFeatureConfiguration.builder()
                .name(f.path("name").asText()).status(f.path("status").asText()).build()));
        boolean enabled = "ENABLED".equals(prior.path("status").asText());
        DetectorConfiguration.client(clients, prior.path("region").asText()).updateDetector(r -> r
                .detectorId(detectorId).enable(enabled).features(features.isEmpty() ? null : features));
        return "detector " + detectorId + " set back to " + prior.path("status").asText() + " with its features as they were";
    }

    static String rearmFilter(JsonNode prior, String target, AwsClients clients) {
        DetectorConfiguration.client(clients, prior.path("region").asText()).updateFilter(r -> r
                .detectorId(prior.path("detectorId").asText()).filterName(prior.path("filterName").asText())
                .action(prior.path("action").asText()));
        return "filter " + target + " set back to action " + prior.path("action").asText();
    }

    static String reactivateIpSet(JsonNode prior, String target, AwsClients clients) {
        boolean active = "ACTIVE".equals(prior.path("status").asText()) || "ACTIVATING".equals(prior.path("status").asText());
        DetectorConfiguration.client(clients, prior.path("region").asText()).updateIPSet(r -> r
                .detectorId(prior.path("detectorId").asText()).ipSetId(prior.path("ipSetId").asText()).activate(active));
        return "IP set " + target + " set back to " + (active ? "active" : "inactive");
    }
}
