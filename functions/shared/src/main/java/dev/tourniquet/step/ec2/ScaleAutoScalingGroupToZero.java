package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;

/**
 * Scales a group the contained key created (or whose launch template or configuration it changed) to zero, so that
 * it launches nothing more and replaces nothing it loses, without terminating what it runs: its instances are first
 * protected from scale-in (a scale-in does not terminate a protected instance) and the processes that would launch
 * or replace are suspended ({@value #SUSPENDED}: a stopped instance fails its health checks and would otherwise be
 * replaced); then minimum, maximum and desired capacity are set to 0. The instances stay in the group, stopped by
 * their own steps. Recorded: the three sizes, the processes already suspended and the instances it protected.
 *
 * <p>IAM actions: {@code autoscaling:DescribeAutoScalingGroups}, {@code autoscaling:SetInstanceProtection},
 * {@code autoscaling:SuspendProcesses}, {@code autoscaling:UpdateAutoScalingGroup}. Undo: the recorded sizes,
 * processes and protection come back ({@link LaunchSourceReversals.RestoreAutoScalingGroup}); release the group's
 * instances first (started), or the resumed health checks replace them.
 *
 * @see <a href="https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html">Instance
 *     scale-in protection</a>
 * @see <a href="https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-suspend-resume-processes.html">Suspend
 *     processes</a>
 */
public final class ScaleAutoScalingGroupToZero implements Step {
    static final List<String> SUSPENDED = List.of("Launch", "ReplaceUnhealthy", "HealthCheck", "AZRebalance");

    private final AutoScalingClient autoScaling;
    private final String group;
    private final String region;

    public ScaleAutoScalingGroupToZero(AutoScalingClient autoScaling, String group, String region) {
        this.autoScaling = autoScaling;
        this.group = group;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.SCALE_AUTO_SCALING_GROUP_TO_ZERO;
    }

    @Override
    public String target() {
        return group;
    }

    @Override
    public String undo() {
        return "aws autoscaling update-auto-scaling-group --region " + region + " --auto-scaling-group-name " + group
                + " with the recorded min/max/desired sizes, then resume-processes for the processes Tourniquet"
                + " suspended (start its instances first)";
    }

    @Override
    public StepResult run(StepContext context) {
        AutoScalingGroup before = describe();
        Set<String> suspended = Set.copyOf(before.suspendedProcesses().stream()
                .map(SuspendedProcess::processName).toList());
        List<String> unprotected = before.instances().stream()
                .filter(i -> !Boolean.TRUE.equals(i.protectedFromScaleIn())).map(Instance::instanceId).toList();
        ObjectNode prior = Json.object().put("region", region).put("autoScalingGroupName", group)
                .put("minSize", before.minSize()).put("maxSize", before.maxSize())
                .put("desiredCapacity", before.desiredCapacity());
        ArrayNode wereSuspended = prior.putArray("suspendedProcesses");
        suspended.forEach(wereSuspended::add);
        ArrayNode protectedNow = prior.putArray("protectedInstances");
        unprotected.forEach(protectedNow::add);
        if (atZero(before) && suspended.containsAll(SUSPENDED)) {
            return new StepResult.AlreadyApplied(prior, "group " + group + " is already at zero, its launches suspended");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would scale group " + group + " from " + before.desiredCapacity()
                    + " to zero (its " + before.instances().size() + " instance(s) kept, protected from scale-in)");
        }
        context.changing(prior);
        if (!unprotected.isEmpty()) {
            autoScaling.setInstanceProtection(r -> r.autoScalingGroupName(group).instanceIds(unprotected)
                    .protectedFromScaleIn(true));
        }
        autoScaling.suspendProcesses(r -> r.autoScalingGroupName(group).scalingProcesses(SUSPENDED));
        autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(0).maxSize(0)
                .desiredCapacity(0));
        Verification.until("group " + group + " at zero", () -> atZero(describe()));
        return new StepResult.Applied(prior, "scaled group " + group + " to zero (was min " + before.minSize()
                + ", max " + before.maxSize() + ", desired " + before.desiredCapacity() + "); its instances are kept");
    }

    private static boolean atZero(AutoScalingGroup group) {
        return group.minSize() == 0 && group.maxSize() == 0 && group.desiredCapacity() == 0;
    }

    private AutoScalingGroup describe() {
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups()
                .stream().findFirst().orElseThrow(() -> new dev.tourniquet.internal.ResourceGoneException(
                        "Auto Scaling group " + group + " is gone"));
    }
}
