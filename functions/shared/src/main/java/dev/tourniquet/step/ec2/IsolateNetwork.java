package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Cuts the instance off the network: every network interface gets the VPC's isolation group (no inbound,
 * no outbound rule) in place of its own groups, whose ids are recorded per interface. Security-group changes
 * do not end connections already tracked (a miner keeps its pool connection): stopping the instance does.
 *
 * <p>An instance with one interface is changed with {@code ModifyInstanceAttribute} (its groups are that
 * interface's); one with several, interface by interface with {@code ModifyNetworkInterfaceAttribute}
 * (EC2 refuses the instance-level call when several interfaces are attached).
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:ModifyInstanceAttribute},
 * {@code ec2:ModifyNetworkInterfaceAttribute} and those of {@link IsolationGroups}. Undo: put each
 * interface's recorded groups back (see {@link #undo()}).
 */
public final class IsolateNetwork extends InstanceStep {
    private final IsolationGroups groups;

    public IsolateNetwork(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
        this.groups = new IsolationGroups(ec2);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.ISOLATE_NETWORK;
    }


    @Override
    public String undo() {
        return "aws ec2 modify-network-interface-attribute --region " + region + " --network-interface-id ENI"
                + " --groups GROUP... for each interface of " + instanceId + ", with the groups recorded in"
                + " prior.interfaces";
    }

    @Override
    public StepResult run(StepContext context) {
        Instance instance = describe();
        if (instance.vpcId() == null) {
            return new StepResult.Skipped(instanceId + " is not in a VPC: no security group to swap");
        }
        String vpcId = instance.vpcId();
        ObjectNode prior = priorOf(instance);
        Optional<String> current = currentIsolation(instance, vpcId);
        if (current.isPresent()) {
            return new StepResult.AlreadyApplied(prior.put("isolationGroupId", current.get()),
                    "already isolated by " + current.get());
        }
        List<SecurityGroup> tagged = groups.tagged(vpcId);
        Optional<SecurityGroup> usable = tagged.stream().filter(g -> IsolationGroups.isolates(g, vpcId)).findFirst();
        ArrayNode rejected = prior.putArray("rejectedGroups");
        tagged.stream().filter(g -> !IsolationGroups.isolates(g, vpcId)).forEach(g -> rejected.add(g.groupId()));
        if (context.planOnly()) {
            return plan(instance, usable, prior, context.incidentId());
        }
        context.changing(prior);
        SecurityGroup group = usable.orElseGet(() -> groups.create(vpcId, context.incidentId()));
        // Checked again just before use: rules could have been added since it was listed.
        if (groups.describe(group.groupId()).filter(g -> IsolationGroups.isolates(g, vpcId)).isEmpty()) {
            throw new NotYetConsistentException("isolation group " + group.groupId() + " gained rules before use");
        }
        swap(instance, group.groupId(), false);
        Verification.until(instanceId + " isolated by " + group.groupId(),
                () -> isolatedBy(describe(), group.groupId()));
        return new StepResult.Applied(prior.put("isolationGroupId", group.groupId()), "swapped " + group.groupId()
                + " onto " + instance.networkInterfaces().size() + " network interface(s) in " + vpcId);
    }

    private StepResult plan(Instance instance, Optional<SecurityGroup> usable, ObjectNode prior, String incidentId) {
        if (usable.isPresent()) {
            DryRun.check(() -> swap(instance, usable.get().groupId(), true));
        } else {
            groups.checkCreate(instance.vpcId(), incidentId);
        }
        return new StepResult.Planned(prior, "would swap " + usable.map(SecurityGroup::groupId)
                .orElse("a new isolation group") + " onto every network interface of " + instanceId);
    }

    private void swap(Instance instance, String groupId, boolean dryRun) {
        List<InstanceNetworkInterface> interfaces = instance.networkInterfaces();
        if (interfaces.size() <= 1) {
            ec2.modifyInstanceAttribute(r -> r.dryRun(dryRun).instanceId(instanceId).groups(groupId));
            return;
        }
        for (InstanceNetworkInterface eni : interfaces) {
            ec2.modifyNetworkInterfaceAttribute(r -> r.dryRun(dryRun).networkInterfaceId(eni.networkInterfaceId())
                    .groups(groupId));
        }
    }

    /**
     * Whether only this group guards the instance. With one interface the instance's groups are read (the
     * emulator keeps launch groups in the interface's list after a swap); with several, each interface's.
     */
    static boolean isolatedBy(Instance instance, String groupId) {
        if (instance.networkInterfaces().size() <= 1) {
            return Ec2Instances.groupIds(instance.securityGroups()).equals(List.of(groupId));
        }
        return instance.networkInterfaces().stream().allMatch(eni -> Ec2Instances.groupIds(eni).equals(List.of(groupId)));
    }

    // Already contained: one group guards the instance and it still has no rule.
    private Optional<String> currentIsolation(Instance instance, String vpcId) {
        TreeSet<String> ids = new TreeSet<>(Ec2Instances.groupIds(instance.securityGroups()));
        if (ids.size() != 1 || !isolatedBy(instance, ids.first())) {
            return Optional.empty();
        }
        return groups.describe(ids.first()).filter(g -> IsolationGroups.isolates(g, vpcId)).map(SecurityGroup::groupId);
    }

    private ObjectNode priorOf(Instance instance) {
        ObjectNode prior = prior().put("vpcId", instance.vpcId());
        Ec2Instances.groupIds(instance.securityGroups()).forEach(prior.putArray("instanceGroups")::add);
        ArrayNode interfaces = prior.putArray("interfaces");
        for (InstanceNetworkInterface eni : instance.networkInterfaces()) {
            ObjectNode node = interfaces.addObject().put("networkInterfaceId", eni.networkInterfaceId());
            Ec2Instances.groupIds(eni).forEach(node.putArray("groups")::add);
        }
        return prior;
    }
}
