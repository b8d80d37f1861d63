package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMappingSpecification;

/**
 * Keeps the evidence from being destroyed: termination protection on, shutdown from inside the instance
 * stops rather than terminates it, and every EBS volume is kept if the instance is terminated anyway.
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:DescribeInstanceAttribute},
 * {@code ec2:ModifyInstanceAttribute}. Undo: put back the recorded values (see {@link #undo()}).
 */
public final class ProtectEvidence extends InstanceStep {
    static final String STOP = "stop";

    public ProtectEvidence(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.PROTECT_EVIDENCE;
    }


    @Override
    public String undo() {
        return "aws ec2 modify-instance-attribute --region " + region + " --instance-id " + instanceId
                + " --no-disable-api-termination (and, if recorded otherwise, --instance-initiated-shutdown-behavior"
                + " terminate and --block-device-mappings DeleteOnTermination=true per device)";
    }

    /** What protects the evidence, as read from EC2. */
    record Protection(boolean terminationProtected, String shutdownBehavior, Map<String, Boolean> deleteOnTermination) {
        boolean complete() {
            return terminationProtected && STOP.equals(shutdownBehavior) && !deleteOnTermination.containsValue(true);
        }
    }

    @Override
    public StepResult run(StepContext context) {
        Protection before = read();
        ObjectNode prior = prior().put("disableApiTermination", before.terminationProtected())
                .put("instanceInitiatedShutdownBehavior", before.shutdownBehavior());
        ObjectNode devices = prior.putObject("deleteOnTermination");
        before.deleteOnTermination().forEach(devices::put);
        if (before.complete()) {
            return new StepResult.AlreadyApplied(prior, "termination protection, stop on shutdown and kept volumes"
                    + " already set");
        }
        if (context.planOnly()) {
            DryRun.check(() -> ec2.modifyInstanceAttribute(r -> r.dryRun(true).instanceId(instanceId)
                    .disableApiTermination(v -> v.value(true))));
            return new StepResult.Planned(prior, "would turn on termination protection, stop on shutdown and keep"
                    + " the volumes of " + instanceId);
        }
        context.changing(prior);
        apply(before);
        Verification.until("evidence of " + instanceId + " protected", () -> read().complete());
        return new StepResult.Applied(prior, "termination protection on, shutdown stops, volumes kept on"
                + " termination");
    }

    // One attribute per ModifyInstanceAttribute call, as the API requires.
    private void apply(Protection before) {
        if (!before.terminationProtected()) {
            ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId).disableApiTermination(v -> v.value(true)));
        }
        if (!STOP.equals(before.shutdownBehavior())) {
            ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR).value(STOP));
        }
        List<InstanceBlockDeviceMappingSpecification> kept = new ArrayList<>();
        before.deleteOnTermination().forEach((device, deleted) -> {
            if (deleted) {
                kept.add(InstanceBlockDeviceMappingSpecification.builder().deviceName(device)
                        .ebs(e -> e.deleteOnTermination(false)).build());
            }
        });
        if (!kept.isEmpty()) {
            ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId).blockDeviceMappings(kept));
        }
    }

    private Protection read() {
        boolean terminationProtected = Boolean.TRUE.equals(ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value());
        String shutdown = ec2.describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR))
                .instanceInitiatedShutdownBehavior().value();
        Map<String, Boolean> deleteOnTermination = new TreeMap<>();
        describe().blockDeviceMappings().stream().filter(m -> m.ebs() != null)
                .forEach(m -> deleteOnTermination.put(m.deviceName(), Boolean.TRUE.equals(m.ebs().deleteOnTermination())));
        return new Protection(terminationProtected, shutdown, deleteOnTermination);
    }
}
