package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.SensorWeakenings;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * Puts a trail's event selectors back as the baseline recorded them, when they no longer record management write
 * events (the ones EventBridge delivers to Tourniquet). Selectors that still record them are left alone.
 *
 * <p>IAM actions: {@code cloudtrail:GetEventSelectors}, {@code cloudtrail:PutEventSelectors}. Undo: {@code aws
 * cloudtrail put-event-selectors --trail-name TRAIL} with the selectors recorded as prior state.
 */
public final class RestoreEventSelectors extends TrailRestoration {
    public RestoreEventSelectors(CloudTrailClient cloudTrail, String region, String trail, Optional<JsonNode> baseline) {
        super(cloudTrail, region, trail, baseline);
    }

    @Override
    public StepKind kind() {
        return CloudTrailStepKinds.RESTORE_EVENT_SELECTORS;
    }

    @Override
    public String undo() {
        return "aws cloudtrail put-event-selectors --trail-name " + trail + " --region " + region
                + " with the selectors recorded as prior state";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = read();
        if (SensorWeakenings.recordsManagementWrites(prior)) {
            return new StepResult.AlreadyApplied(prior, "trail " + trail + " records management events");
        }
        if (baseline.isEmpty() || !SensorWeakenings.recordsManagementWrites(baseline.get())) {
            return new StepResult.Skipped("no baseline of trail " + trail + " that records management events: set its"
                    + " event selectors back by hand");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would put the recorded event selectors back on trail " + trail);
        }
        context.changing(prior);
        TrailConfiguration.put(cloudTrail, trail, baseline.get());
        Verification.until("trail " + trail + " recording management events",
                () -> SensorWeakenings.recordsManagementWrites(read()));
        return new StepResult.Applied(prior, "put the recorded event selectors back on trail " + trail);
    }

    private ObjectNode read() {
        ObjectNode selectors = TrailConfiguration.selectors(cloudTrail.getEventSelectors(r -> r.trailName(trail)));
        return selectors.put("region", region).put("trail", trail);
    }
}
