package dev.tourniquet.step.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.DetectorFeatureConfiguration;

/**
 * Enables a suspended GuardDuty detector again, and turns back on every feature the baseline recorded enabled and is
 * now disabled (the whole feature list is sent, so that nothing else changes).
 *
 * <p>IAM actions: {@code guardduty:GetDetector}, {@code guardduty:UpdateDetector}. Undo: {@code aws guardduty
 * update-detector --detector-id ID} with the status and features recorded as prior state.
 */
public final class EnableDetector implements Step {
    private final GuardDutyClient guardDuty;
    private final String region;
    private final String detectorId;
    private final Optional<JsonNode> baseline;

    public EnableDetector(GuardDutyClient guardDuty, String region, String detectorId, Optional<JsonNode> baseline) {
        this.guardDuty = guardDuty;
        this.region = region;
        this.detectorId = detectorId;
        this.baseline = baseline;
    }

    @Override
    public StepKind kind() {
        return GuardDutyStepKinds.ENABLE_DETECTOR;
    }

    @Override
    public String target() {
        return detectorId;
    }

    @Override
    public String undo() {
        return "aws guardduty update-detector --detector-id " + detectorId + " --region " + region
                + " with the status and features recorded as prior state";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = DetectorConfiguration.detector(guardDuty, region, detectorId);
        Set<String> missing = missingFeatures(prior);
        if (enabled(prior) && missing.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "detector " + detectorId + " is enabled with its recorded features");
        }
        String what = "detector " + detectorId + " enabled" + (missing.isEmpty() ? "" : ", features " + missing + " on");
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would have " + what);
        }
        context.changing(prior);
        List<DetectorFeatureConfiguration> features = new ArrayList<>();
        prior.path("features").forEach(f -> features.add(DetectorFeatureConfiguration.builder()
                .name(f.path("name").asText()).status(missing.contains(f.path("name").asText()) ? "ENABLED"
                        : f.path("status").asText()).build()));
        guardDuty.updateDetector(r -> r.detectorId(detectorId).enable(true).features(features.isEmpty() ? null : features));
        Verification.until(what, () -> {
            ObjectNode now = DetectorConfiguration.detector(guardDuty, region, detectorId);
            return enabled(now) && missingFeatures(now).isEmpty();
        });
        return new StepResult.Applied(prior, what + " again");
    }

    private static boolean enabled(JsonNode detector) {
        return "ENABLED".equals(detector.path("status").asText());
    }

    // Features the baseline recorded ENABLED that are DISABLED now.
    private Set<String> missingFeatures(JsonNode now) {
        Set<String> missing = new TreeSet<>();
        baseline.ifPresent(recorded -> recorded.path("features").forEach(f -> {
            if ("ENABLED".equals(f.path("status").asText())) {
                for (JsonNode current : now.path("features")) {
                    if (current.path("name").asText().equals(f.path("name").asText())
                            && "DISABLED".equals(current.path("status").asText())) {
                        missing.add(f.path("name").asText());
                    }
                }
            }
        }));
        return missing;
    }
}
