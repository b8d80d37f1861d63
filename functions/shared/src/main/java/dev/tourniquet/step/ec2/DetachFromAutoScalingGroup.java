package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AlreadyDone;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingInstanceDetails;

/**
 * Takes the instance out of its Auto Scaling group, decrementing the desired capacity so that no replacement
 * is launched. Runs before the instance is isolated or stopped: the group would otherwise find it unhealthy
 * and terminate it (termination protection does not bind Auto Scaling). When the group is at its minimum
 * size, the minimum is lowered by one first, as AWS requires; both sizes are recorded.
 *
 * <p>IAM actions: {@code autoscaling:DescribeAutoScalingInstances}, {@code autoscaling:DescribeAutoScalingGroups},
 * {@code autoscaling:UpdateAutoScalingGroup}, {@code autoscaling:DetachInstances}. Undo: attach it again
 * (see {@link #undo()}); the desired capacity goes back up by one.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-detach-attach-instances.html">Detach
 *     or attach instances</a>
 */
public final class DetachFromAutoScalingGroup implements Step {
    private static final Set<String> DETACHED = Set.of("Detaching", "Detached");

    private final AutoScalingClient autoScaling;
    private final String instanceId;
    private final String region;

    public DetachFromAutoScalingGroup(AutoScalingClient autoScaling, String instanceId, String region) {
        this.autoScaling = autoScaling;
        this.instanceId = instanceId;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.DETACH_FROM_AUTO_SCALING_GROUP;
    }

    @Override
    public String target() {
        return instanceId;
    }


    @Override
    public String undo() {
        return "aws autoscaling attach-instances --region " + region + " --auto-scaling-group-name GROUP"
                + " --instance-ids " + instanceId + " (the instance must be running; then restore the recorded"
                + " minSize with update-auto-scaling-group)";
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<AutoScalingInstanceDetails> membership = membership();
        if (membership.isEmpty()) {
            return new StepResult.Skipped(instanceId + " is in no Auto Scaling group");
        }
        String name = membership.get().autoScalingGroupName();
        AutoScalingGroup group = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().get(0);
        ObjectNode prior = Json.object().put("instanceId", instanceId).put("region", region)
                .put("autoScalingGroupName", name).put("minSize", group.minSize()).put("maxSize", group.maxSize())
                .put("desiredCapacity", group.desiredCapacity())
                .put("lifecycleState", membership.get().lifecycleState());
        if (DETACHED.contains(membership.get().lifecycleState())) {
            return new StepResult.AlreadyApplied(prior, instanceId + " is already leaving group " + name);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would detach " + instanceId + " from group " + name
                    + " without a replacement");
        }
        context.changing(prior);
        int desired = group.desiredCapacity() - 1;
        if (desired < group.minSize()) {
            autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(desired));
        }
        detach(name);
        Verification.until(instanceId + " detached from " + name, () -> membership()
                .map(m -> DETACHED.contains(m.lifecycleState())).orElse(true));
        return new StepResult.Applied(prior, "detached from group " + name + "; desired capacity now " + desired);
    }

    // A retry of a detach applied with its answer lost is refused as "not part of" the group: detached already.
    private void detach(String group) {
        try {
            autoScaling.detachInstances(r -> r.autoScalingGroupName(group).instanceIds(instanceId)
                    .shouldDecrementDesiredCapacity(true));
        } catch (AwsServiceException e) {
            if (!AlreadyDone.is(e, "ValidationError", "not part of")) {
                throw e;
            }
        }
    }

    private Optional<AutoScalingInstanceDetails> membership() {
        return autoScaling.describeAutoScalingInstances(r -> r.instanceIds(instanceId)).autoScalingInstances()
                .stream().findFirst();
    }
}
