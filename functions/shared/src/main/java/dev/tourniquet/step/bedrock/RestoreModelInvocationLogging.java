package dev.tourniquet.step.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.bedrock.BedrockClient;

/**
 * Puts a region's Amazon Bedrock model-invocation logging back as the baseline recorded it, after it was deleted or
 * weakened (prompts no longer delivered): without it, an LLMjacker's invocations leave no prompt or token record.
 * Nothing else of Bedrock is changed.
 *
 * <p>IAM actions: {@code bedrock:GetModelInvocationLoggingConfiguration},
 * {@code bedrock:PutModelInvocationLoggingConfiguration}, {@code iam:PassRole} (the recorded CloudWatch Logs delivery
 * role). Undo: {@code ./tourniquet release} puts back the configuration the tampering left (or deletes it again).
 */
public final class RestoreModelInvocationLogging implements Step {
    private final BedrockClient bedrock;
    private final String region;
    private final Optional<JsonNode> baseline;

    /** @param baseline the recorded {@code {region, loggingConfig}}, if the baseline ran before the tampering */
    public RestoreModelInvocationLogging(BedrockClient bedrock, String region, Optional<JsonNode> baseline) {
        this.bedrock = bedrock;
        this.region = region;
        this.baseline = baseline.map(JsonNode::deepCopy);
    }

    @Override
    public StepKind kind() {
        return BedrockStepKinds.RESTORE_MODEL_INVOCATION_LOGGING;
    }

    @Override
    public String target() {
        return ModelInvocationLogging.RESOURCE + "/" + region;
    }

    @Override
    public String undo() {
        return "./tourniquet release INCIDENT (puts back the logging configuration recorded as prior state), or aws"
                + " bedrock put-model-invocation-logging-configuration --region " + region + " with it";
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<JsonNode> wanted = baseline.flatMap(ModelInvocationLogging::configOf);
        if (wanted.isEmpty()) {
            return new StepResult.Skipped("no baseline of model invocation logging in " + region
                    + " with logging on: set it back by hand (aws bedrock put-model-invocation-logging-configuration)");
        }
        ObjectNode prior = ModelInvocationLogging.read(bedrock, region);
        if (ModelInvocationLogging.same(ModelInvocationLogging.configOf(prior), wanted)) {
            return new StepResult.AlreadyApplied(prior, "model invocation logging in " + region + " is as recorded");
        }
        String destination = ModelInvocationLogging.roleOf(wanted.get()).map(role -> "CloudWatch Logs (role " + role + ")")
                .orElse("S3") + " as recorded";
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would put model invocation logging in " + region + " back to "
                    + destination);
        }
        context.changing(prior);
        bedrock.putModelInvocationLoggingConfiguration(r -> r.loggingConfig(ModelInvocationLogging.fromJson(wanted.get())));
        Verification.until("model invocation logging in " + region + " as recorded", () -> ModelInvocationLogging.same(
                ModelInvocationLogging.configOf(ModelInvocationLogging.read(bedrock, region)), wanted));
        return new StepResult.Applied(prior, "put model invocation logging in " + region + " back to " + destination);
    }
}
