package dev.tourniquet.step.bedrock;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of Amazon Bedrock step: each one's id, IAM actions and reversal ({@link BedrockReversals}). */
public final class BedrockStepKinds {
    /**
     * {@code iam:PassRole}: Bedrock's put checks that the caller may pass the CloudWatch Logs delivery role the
     * configuration names (granted for that purpose only, {@code iam:PassedToService bedrock.amazonaws.com}).
     */
    public static final StepKind RESTORE_MODEL_INVOCATION_LOGGING = StepKind.reversible("restore-model-invocation-logging",
            List.of("bedrock:GetModelInvocationLoggingConfiguration", "bedrock:PutModelInvocationLoggingConfiguration",
                    "iam:PassRole"),
            BedrockReversals::restoreLogging);

    private BedrockStepKinds() {}

    public static List<StepKind> all() {
        return List.of(RESTORE_MODEL_INVOCATION_LOGGING);
    }
}
