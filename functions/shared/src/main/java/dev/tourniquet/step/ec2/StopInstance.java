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
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;

/**
 * Stops the instance: the one thing that ends connections a security-group change leaves open (a miner's
 * pool connection). Never terminates. Stop protection set by an attacker ({@code DisableApiStop}) is turned
 * off first and recorded. A one-time Spot instance cannot be stopped, only terminated: it is left isolated
 * and the step says so.
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:DescribeInstanceAttribute},
 * {@code ec2:DescribeSpotInstanceRequests}, {@code ec2:ModifyInstanceAttribute}, {@code ec2:StopInstances}.
 * Undo: start it (see {@link #undo()}).
 */
public final class StopInstance extends InstanceStep {
    private static final Set<InstanceStateName> STOPPED = Set.of(InstanceStateName.STOPPING, InstanceStateName.STOPPED);
    private static final Set<InstanceStateName> ENDED = Set.of(InstanceStateName.SHUTTING_DOWN,
            InstanceStateName.TERMINATED);

    public StopInstance(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.STOP_INSTANCE;
    }


    @Override
    public java.util.List<String> permissions() {
        // A sweep's first phase batches the stop (StopInstances) and reads which instance types carry instance store.
        return java.util.stream.Stream.concat(kind().permissions().stream(), java.util.stream.Stream.of(
                "ec2:DescribeInstanceTypes")).toList();
    }

    /** The instance's region (its stop can be batched with others of the region: {@link StopInstances}). */
    public String region() {
        return region;
    }

    @Override
    public String undo() {
        return "aws ec2 start-instances --region " + region + " --instance-ids " + instanceId;
    }

    @Override
    public StepResult run(StepContext context) {
        Instance instance = describe();
        InstanceStateName state = instance.state().name();
        boolean stopProtected = Boolean.TRUE.equals(ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.DISABLE_API_STOP)).disableApiStop().value());
        ObjectNode prior = prior().put("state", instance.state().nameAsString()).put("disableApiStop", stopProtected);
        if (STOPPED.contains(state)) {
            return new StepResult.AlreadyApplied(prior, instanceId + " is already " + instance.state().nameAsString());
        }
        if (ENDED.contains(state)) {
            return new StepResult.Skipped(instanceId + " is " + instance.state().nameAsString());
        }
        if (isOneTimeSpot(instance)) {
            return new StepResult.Skipped(instanceId + " is a one-time Spot instance: EC2 can only terminate it,"
                    + " Tourniquet never does; it stays isolated, terminate it by hand once its evidence is kept");
        }
        if (context.planOnly()) {
            if (!stopProtected) {
                DryRun.check(() -> ec2.stopInstances(r -> r.dryRun(true).instanceIds(instanceId)));
            }
            return new StepResult.Planned(prior, "would stop " + instanceId);
        }
        context.changing(prior);
        if (stopProtected) {
            ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId).disableApiStop(v -> v.value(false)));
        }
        ec2.stopInstances(r -> r.instanceIds(instanceId));
        Verification.until(instanceId + " stopping", () -> STOPPED.contains(describe().state().name()));
        return new StepResult.Applied(prior, "stopped " + instanceId + " (was " + instance.state().nameAsString() + ")");
    }

    private boolean isOneTimeSpot(Instance instance) {
        if (instance.instanceLifecycle() != InstanceLifecycleType.SPOT || instance.spotInstanceRequestId() == null) {
            return false;
        }
        return ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(instance.spotInstanceRequestId()))
                .spotInstanceRequests().stream().anyMatch(s -> s.type() == SpotInstanceType.ONE_TIME);
    }
}
