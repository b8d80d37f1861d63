package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * Starts a stopped trail logging again: EventBridge sees CloudTrail API events only while a trail logs.
 *
 * <p>IAM actions: {@code cloudtrail:GetTrailStatus}, {@code cloudtrail:StartLogging}. Undo:
 * {@code aws cloudtrail stop-logging --name TRAIL} (only if it really was meant to be stopped).
 */
public final class StartTrailLogging implements Step {
    private final CloudTrailClient cloudTrail;
    private final String region;
    private final String trail;

    public StartTrailLogging(CloudTrailClient cloudTrail, String region, String trail) {
        this.cloudTrail = cloudTrail;
        this.region = region;
        this.trail = trail;
    }

    @Override
    public StepKind kind() {
        return CloudTrailStepKinds.START_TRAIL_LOGGING;
    }

    @Override
    public String target() {
        return trail;
    }

    @Override
    public String undo() {
        return "aws cloudtrail stop-logging --name " + trail + " --region " + region;
    }

    @Override
    public StepResult run(StepContext context) {
        boolean logging = logging();
        ObjectNode prior = Json.object().put("region", region).put("trail", trail).put("isLogging", logging);
        if (logging) {
            return new StepResult.AlreadyApplied(prior, "trail " + trail + " is logging");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would start logging of trail " + trail);
        }
        context.changing(prior);
        cloudTrail.startLogging(r -> r.name(trail));
        Verification.until("trail " + trail + " logging", this::logging);
        return new StepResult.Applied(prior, "started logging of trail " + trail + " again");
    }

    private boolean logging() {
        return Boolean.TRUE.equals(cloudTrail.getTrailStatus(r -> r.name(trail)).isLogging());
    }
}
