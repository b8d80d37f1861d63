package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Turns termination protection of Tourniquet's own stack back on after someone turned it off. Only this stack, by its
 * exact id.
 *
 * <p>IAM actions: {@code cloudformation:DescribeStacks}, {@code cloudformation:UpdateTerminationProtection}. Undo:
 * {@code aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ID}.
 */
public final class ProtectOwnStack implements Step {
    private final CloudFormationClient cloudFormation;
    private final String region;
    private final String stackId;

    public ProtectOwnStack(CloudFormationClient cloudFormation, String region, String stackId) {
        this.cloudFormation = cloudFormation;
        this.region = region;
        this.stackId = stackId;
    }

    @Override
    public StepKind kind() {
        return TamperingStepKinds.PROTECT_OWN_STACK;
    }

    @Override
    public String target() {
        return stackId;
    }

    @Override
    public String undo() {
        return "aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name "
                + stackId + " --region " + region;
    }

    @Override
    public StepResult run(StepContext context) {
        boolean on = protectedNow();
        ObjectNode prior = Json.object().put("region", region).put("terminationProtection", on);
        if (on) {
            return new StepResult.AlreadyApplied(prior, "the stack is protected from deletion");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would turn termination protection of the stack back on");
        }
        context.changing(prior);
        cloudFormation.updateTerminationProtection(r -> r.stackName(stackId).enableTerminationProtection(true));
        Verification.until("termination protection on " + stackId, this::protectedNow);
        return new StepResult.Applied(prior, "turned termination protection of the stack back on");
    }

    private boolean protectedNow() {
        return Boolean.TRUE.equals(cloudFormation.describeStacks(r -> r.stackName(stackId)).stacks().get(0)
                .enableTerminationProtection());
    }
}
