package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.Reversal;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMappingSpecification;

/**
 * The undo of each instance step ({@link Ec2StepKinds}), from its recorded prior state (which holds the
 * region). Release runs them newest first: the profile comes back, the instance starts (and is running
 * before anything needs it to be), its own security groups come back, it rejoins its Auto Scaling group, and
 * its termination settings are restored. Evidence steps have none: snapshots and evidence objects are kept.
 */
final class Ec2Reversals {
    private Ec2Reversals() {}

    static Ec2Client ec2(JsonNode prior, AwsClients clients) {
        return new Ec2Clients(clients).ec2(prior.path("region").asText(), false);
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** Undoes {@code protect-evidence}: termination protection, shutdown behaviour, DeleteOnTermination. */
    static final class RestoreProtection implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            Ec2Client ec2 = ec2(prior, clients);
            boolean protectedBefore = prior.path("disableApiTermination").asBoolean(false);
            ec2.modifyInstanceAttribute(r -> r.instanceId(target).disableApiTermination(v -> v.value(protectedBefore)));
            String shutdown = prior.path("instanceInitiatedShutdownBehavior").asText(ProtectEvidence.STOP);
            ec2.modifyInstanceAttribute(r -> r.instanceId(target)
                    .attribute(InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR).value(shutdown));
            List<InstanceBlockDeviceMappingSpecification> devices = new ArrayList<>();
            prior.path("deleteOnTermination").fields().forEachRemaining(e -> devices.add(
                    InstanceBlockDeviceMappingSpecification.builder().deviceName(e.getKey())
                            .ebs(b -> b.deleteOnTermination(e.getValue().asBoolean())).build()));
            if (!devices.isEmpty()) {
                ec2.modifyInstanceAttribute(r -> r.instanceId(target).blockDeviceMappings(devices));
            }
            return "termination protection " + protectedBefore + ", shutdown behaviour " + shutdown
                    + " and DeleteOnTermination of " + devices.size() + " volume(s) restored on " + target;
        }
    }

    /** Undoes {@code isolate-network}: every interface gets its recorded groups back. */
    static final class RestoreSecurityGroups implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            Ec2Client ec2 = ec2(prior, clients);
            JsonNode interfaces = prior.path("interfaces");
            if (interfaces.size() <= 1) {
                List<String> groups = texts(prior.path("instanceGroups"));
                ec2.modifyInstanceAttribute(r -> r.instanceId(target).groups(groups));
                return "security groups " + groups + " restored on " + target;
            }
            for (JsonNode eni : interfaces) {
                ec2.modifyNetworkInterfaceAttribute(r -> r.networkInterfaceId(eni.path("networkInterfaceId").asText())
                        .groups(texts(eni.path("groups"))));
            }
            return "security groups of " + interfaces.size() + " interfaces restored on " + target
                    + " (the isolation group is kept for later use)";
        }
    }

    /** Undoes {@code stop-instance}: starts it, waits until it runs, restores stop protection. */
    static final class StartInstance implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            Ec2Client ec2 = ec2(prior, clients);
            ec2.startInstances(r -> r.instanceIds(target));
            // Rejoining an Auto Scaling group, released next, needs a running instance.
            ec2.waiter().waitUntilInstanceRunning(r -> r.instanceIds(target));
            if (prior.path("disableApiStop").asBoolean(false)) {
                ec2.modifyInstanceAttribute(r -> r.instanceId(target).disableApiStop(v -> v.value(true)));
            }
            return "started " + target;
        }
    }

    /** Undoes {@code remove-instance-profile}: associates the recorded profile again (needs iam:PassRole). */
    static final class ReassociateInstanceProfile implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            String profile = prior.path("instanceProfileArn").asText();
            Ec2Client ec2 = ec2(prior, clients);
            // A release run again after an answer was lost finds the profile back already.
            boolean back = ec2.describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id")
                    .values(target))).iamInstanceProfileAssociations().stream()
                    .anyMatch(a -> profile.equals(a.iamInstanceProfile().arn())
                            && a.stateAsString().startsWith("associat"));
            if (!back) {
                ec2.associateIamInstanceProfile(r -> r.instanceId(target).iamInstanceProfile(p -> p.arn(profile)));
            }
            return "instance profile " + profile + (back ? " already" : "") + " associated again with " + target;
        }
    }

    /** Undoes {@code detach-from-auto-scaling-group}: attaches it again and restores the group's minimum. */
    static final class ReattachToAutoScalingGroup implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            AutoScalingClient autoScaling = new Ec2Clients(clients).autoScaling(prior.path("region").asText(), false);
            String group = prior.path("autoScalingGroupName").asText();
            boolean member = autoScaling.describeAutoScalingInstances(r -> r.instanceIds(target)).autoScalingInstances()
                    .stream().anyMatch(i -> group.equals(i.autoScalingGroupName())
                            && !i.lifecycleState().startsWith("Detach"));
            if (!member) {
                autoScaling.attachInstances(r -> r.autoScalingGroupName(group).instanceIds(target));
            }
            int minSize = prior.path("minSize").asInt();
            autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(group).minSize(minSize));
            return target + " attached again to group " + group + " (desired capacity +1, minimum " + minSize + ")";
        }
    }

    /** How one kind of share is added back: the snapshot's or the image's own modify call. */
    interface ShareAgain {
        void add(Ec2Client ec2, String resource, java.util.Set<String> values);
    }

    /**
     * Undoes {@code remove-snapshot-share} and {@code remove-image-share}: the accounts (and {@code all}) the step
     * removed share the resource again; the rest was never touched.
     */
    record ShareResourceAgain(String what, ShareAgain again) implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            java.util.Set<String> removed = dev.tourniquet.step.ShareRemoval.removed(prior);
            if (!removed.isEmpty()) {
                again.add(ec2(prior, clients), target, removed);
            }
            return what + " " + target + " shared again with " + removed;
        }
    }
}
