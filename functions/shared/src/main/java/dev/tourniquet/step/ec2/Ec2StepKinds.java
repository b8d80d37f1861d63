package dev.tourniquet.step.ec2;

import dev.tourniquet.step.StepKind;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.OperationType;

/** The kinds of instance step: each one's id, IAM actions and reversal ({@link Ec2Reversals}). */
public final class Ec2StepKinds {
    public static final StepKind COLLECT_INSTANCE_EVIDENCE = StepKind.irreversible("collect-instance-evidence",
            List.of("ec2:DescribeInstances", "ec2:GetConsoleOutput"),
            "evidence is kept: the instance description and console output stay in the evidence bucket");
    public static final StepKind SNAPSHOT_VOLUMES = StepKind.irreversible("snapshot-volumes",
            List.of("ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:CreateSnapshots", "ec2:CreateTags"),
            "snapshots are evidence: delete them by hand once the investigation is closed");
    public static final StepKind PROTECT_EVIDENCE = StepKind.reversible("protect-evidence",
            List.of("ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:ModifyInstanceAttribute"),
            new Ec2Reversals.RestoreProtection());
    public static final StepKind DETACH_FROM_AUTO_SCALING_GROUP = StepKind.reversible(
            "detach-from-auto-scaling-group", List.of("autoscaling:DescribeAutoScalingInstances",
                    "autoscaling:DescribeAutoScalingGroups", "autoscaling:UpdateAutoScalingGroup",
                    "autoscaling:DetachInstances"), new Ec2Reversals.ReattachToAutoScalingGroup());
    public static final StepKind ISOLATE_NETWORK = StepKind.reversible("isolate-network",
            concat(List.of("ec2:DescribeInstances", "ec2:ModifyInstanceAttribute",
                    "ec2:ModifyNetworkInterfaceAttribute"), IsolationGroups.PERMISSIONS),
            new Ec2Reversals.RestoreSecurityGroups());
    public static final StepKind STOP_INSTANCE = StepKind.reversible("stop-instance",
            List.of("ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:DescribeSpotInstanceRequests",
                    "ec2:ModifyInstanceAttribute", "ec2:StopInstances"), new Ec2Reversals.StartInstance());
    public static final StepKind REMOVE_INSTANCE_PROFILE = StepKind.reversible("remove-instance-profile",
            List.of("ec2:DescribeIamInstanceProfileAssociations", "ec2:DisassociateIamInstanceProfile"),
            new Ec2Reversals.ReassociateInstanceProfile());

    public static final StepKind REMOVE_SNAPSHOT_SHARE = StepKind.reversible("remove-snapshot-share",
            List.of("ec2:DescribeSnapshotAttribute", "ec2:ModifySnapshotAttribute"),
            new Ec2Reversals.ShareResourceAgain("snapshot",
                    (ec2, id, values) -> RemoveSnapshotShare.modify(ec2, id, OperationType.ADD, values)));
    public static final StepKind REMOVE_IMAGE_SHARE = StepKind.reversible("remove-image-share",
            List.of("ec2:DescribeImageAttribute", "ec2:ModifyImageAttribute"),
            new Ec2Reversals.ShareResourceAgain("image",
                    (ec2, id, values) -> RemoveImageShare.modify(ec2, id, OperationType.ADD, values)));
    public static final StepKind SCALE_AUTO_SCALING_GROUP_TO_ZERO = StepKind.reversible(
            "scale-auto-scaling-group-to-zero", List.of("autoscaling:DescribeAutoScalingGroups",
                    "autoscaling:SetInstanceProtection", "autoscaling:SuspendProcesses",
                    "autoscaling:UpdateAutoScalingGroup"), new LaunchSourceReversals.RestoreAutoScalingGroup());
    public static final StepKind SET_FLEET_CAPACITY_ZERO = StepKind.reversible("set-fleet-capacity-zero",
            List.of("ec2:DescribeSpotFleetRequests", "ec2:ModifySpotFleetRequest", "ec2:DescribeFleets",
                    "ec2:ModifyFleet"), new LaunchSourceReversals.RestoreFleetCapacity());
    public static final StepKind CANCEL_LAUNCH_REQUEST = StepKind.irreversible("cancel-launch-request",
            List.of("ec2:DescribeSpotFleetRequests", "ec2:CancelSpotFleetRequests", "ec2:DescribeFleets",
                    "ec2:DeleteFleets", "ec2:DescribeSpotInstanceRequests", "ec2:CancelSpotInstanceRequests"),
            "EC2 cannot revive a cancelled request or a deleted fleet: its configuration is recorded in the prior"
                    + " state so that a person can request it again; what it launched was kept");
    public static final StepKind TERMINATE_INSTANCE = StepKind.irreversible("terminate-instance",
            List.of("ec2:DescribeInstances", "ec2:DescribeInstanceAttribute", "ec2:ModifyInstanceAttribute",
                    "ec2:TerminateInstances"),
            "a terminated instance is gone (only where AllowIrreversibleActions allows it): its snapshots and"
                    + " volumes, kept from deletion on termination, remain");

    private Ec2StepKinds() {}

    public static List<StepKind> all() {
        return List.of(COLLECT_INSTANCE_EVIDENCE, SNAPSHOT_VOLUMES, PROTECT_EVIDENCE, DETACH_FROM_AUTO_SCALING_GROUP,
                ISOLATE_NETWORK, STOP_INSTANCE, REMOVE_INSTANCE_PROFILE, REMOVE_SNAPSHOT_SHARE, REMOVE_IMAGE_SHARE,
                SCALE_AUTO_SCALING_GROUP_TO_ZERO, SET_FLEET_CAPACITY_ZERO, CANCEL_LAUNCH_REQUEST, TERMINATE_INSTANCE);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
