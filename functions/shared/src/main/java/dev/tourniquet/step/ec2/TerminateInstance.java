package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Terminates a one-time Spot instance, which EC2 can terminate but never stop; planned only where irreversible
 * actions are allowed ({@code AllowIrreversibleActions}), and only after its evidence: its description, console
 * output and volume snapshots are taken first, and {@code protect-evidence} has set its volumes to survive the
 * termination. The termination protection {@code protect-evidence} set is turned off first (recorded).
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:DescribeInstanceAttribute},
 * {@code ec2:ModifyInstanceAttribute}, {@code ec2:TerminateInstances}. Not reversible: its snapshots and kept
 * volumes are what remains.
 */
public final class TerminateInstance extends InstanceStep {
    private static final Set<InstanceStateName> ENDED = Set.of(InstanceStateName.SHUTTING_DOWN,
            InstanceStateName.TERMINATED);

    public TerminateInstance(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.TERMINATE_INSTANCE;
    }

    @Override
    public String undo() {
        return "not undone: " + instanceId + " is gone; its snapshots and kept volumes remain";
    }

    @Override
    public StepResult run(StepContext context) {
        Instance instance = describe();
        boolean terminationProtected = Boolean.TRUE.equals(ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value());
        ObjectNode prior = prior().put("state", instance.state().nameAsString())
                .put("disableApiTermination", terminationProtected);
        if (ENDED.contains(instance.state().name())) {
            return new StepResult.AlreadyApplied(prior, instanceId + " is already " + instance.state().nameAsString());
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would terminate the one-time Spot instance " + instanceId
                    + " after its evidence");
        }
        context.changing(prior);
        if (terminationProtected) {
            ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId).disableApiTermination(v -> v.value(false)));
        }
        ec2.terminateInstances(r -> r.instanceIds(instanceId));
        Verification.until(instanceId + " terminating", () -> ENDED.contains(describe().state().name()));
        return new StepResult.Applied(prior, "terminated the one-time Spot instance " + instanceId
                + " (AllowIrreversibleActions); its snapshots and volumes are kept");
    }
}
