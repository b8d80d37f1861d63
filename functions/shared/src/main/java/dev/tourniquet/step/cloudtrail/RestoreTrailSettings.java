package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Turns a trail's multi-region and global service events back on as the baseline recorded them (both in one call:
 * CloudTrail refuses a multi-region trail without global service events). Nothing else of the trail is changed.
 *
 * <p>IAM actions: {@code cloudtrail:GetTrail}, {@code cloudtrail:UpdateTrail}. Undo: {@code aws cloudtrail
 * update-trail --name TRAIL --no-is-multi-region-trail --no-include-global-service-events} with the recorded values.
 */
public final class RestoreTrailSettings extends TrailRestoration {
    public RestoreTrailSettings(CloudTrailClient cloudTrail, String region, String trail, Optional<JsonNode> baseline) {
        super(cloudTrail, region, trail, baseline);
    }

    @Override
    public StepKind kind() {
        return CloudTrailStepKinds.RESTORE_TRAIL_SETTINGS;
    }

    @Override
    public String undo() {
        return "aws cloudtrail update-trail --name " + trail + " --region " + region
                + " with the multi-region and global-service-event settings recorded as prior state";
    }

    @Override
    public StepResult run(StepContext context) {
        if (baseline.isEmpty()) {
            return new StepResult.Skipped("no baseline of trail " + trail + ": set its settings back by hand");
        }
        boolean multiRegion = baseline.get().path("isMultiRegionTrail").asBoolean();
        boolean global = baseline.get().path("includeGlobalServiceEvents").asBoolean();
        Trail now = read();
        ObjectNode prior = Json.object().put("region", region).put("trail", trail)
                .put("isMultiRegionTrail", Boolean.TRUE.equals(now.isMultiRegionTrail()))
                .put("includeGlobalServiceEvents", Boolean.TRUE.equals(now.includeGlobalServiceEvents()));
        if (matches(now, multiRegion, global)) {
            return new StepResult.AlreadyApplied(prior, "trail " + trail + " is as recorded");
        }
        String wanted = "multi-region " + multiRegion + ", global service events " + global;
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would set trail " + trail + " back to " + wanted);
        }
        context.changing(prior);
        cloudTrail.updateTrail(r -> r.name(trail).isMultiRegionTrail(multiRegion).includeGlobalServiceEvents(global));
        Verification.until("trail " + trail + " " + wanted, () -> matches(read(), multiRegion, global));
        return new StepResult.Applied(prior, "set trail " + trail + " back to " + wanted);
    }

    private Trail read() {
        return cloudTrail.getTrail(r -> r.name(trail)).trail();
    }

    private static boolean matches(Trail trail, boolean multiRegion, boolean global) {
        return Boolean.TRUE.equals(trail.isMultiRegionTrail()) == multiRegion
                && Boolean.TRUE.equals(trail.includeGlobalServiceEvents()) == global;
    }
}
