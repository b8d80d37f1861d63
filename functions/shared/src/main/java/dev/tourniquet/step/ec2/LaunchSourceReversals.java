package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.Reversal;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The undo of the steps on what relaunches instances ({@link ScaleAutoScalingGroupToZero}, {@link SetFleetCapacityZero}). */
final class LaunchSourceReversals {
    private LaunchSourceReversals() {}

    /**
     * Undoes {@code scale-auto-scaling-group-to-zero}: the recorded sizes come back, the processes Tourniquet
     * suspended resume (those suspended before stay so), and the instances it protected from scale-in lose that
     * protection again (those still in the group).
     */
    static final class RestoreAutoScalingGroup implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            AutoScalingClient autoScaling = new Ec2Clients(clients).autoScaling(prior.path("region").asText(), false);
            int min = prior.path("minSize").asInt();
            int max = prior.path("maxSize").asInt();
            int desired = prior.path("desiredCapacity").asInt();
            autoScaling.updateAutoScalingGroup(r -> r.autoScalingGroupName(target).minSize(min).maxSize(max)
                    .desiredCapacity(desired));
            List<String> before = Ec2Reversals.texts(prior.path("suspendedProcesses"));
            List<String> resume = new ArrayList<>(ScaleAutoScalingGroupToZero.SUSPENDED);
            resume.removeAll(before);
            if (!resume.isEmpty()) {
                autoScaling.resumeProcesses(r -> r.autoScalingGroupName(target).scalingProcesses(resume));
            }
            List<String> members = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(target))
                    .autoScalingGroups().stream().flatMap(g -> g.instances().stream()).map(i -> i.instanceId())
                    .toList();
            List<String> unprotect = Ec2Reversals.texts(prior.path("protectedInstances")).stream()
                    .filter(members::contains).toList();
            if (!unprotect.isEmpty()) {
                autoScaling.setInstanceProtection(r -> r.autoScalingGroupName(target).instanceIds(unprotect)
                        .protectedFromScaleIn(false));
            }
            return "group " + target + " back to min " + min + ", max " + max + ", desired " + desired
                    + "; processes " + resume + " resumed";
        }
    }

    /** Undoes {@code set-fleet-capacity-zero}: the recorded target capacities and excess-capacity policy. */
    static final class RestoreFleetCapacity implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            Ec2Client ec2 = Ec2Reversals.ec2(prior, clients);
            int total = prior.path("targetCapacity").asInt();
            int onDemand = prior.path("onDemandTargetCapacity").asInt();
            String policy = prior.path("excessCapacityTerminationPolicy").asText();
            if (SetFleetCapacityZero.isSpotFleet(target)) {
                ec2.modifySpotFleetRequest(r -> r.spotFleetRequestId(target).targetCapacity(total)
                        .onDemandTargetCapacity(onDemand)
                        .excessCapacityTerminationPolicy(policy));
            } else {
                int spot = prior.path("spotTargetCapacity").asInt();
                ec2.modifyFleet(r -> r.fleetId(target).targetCapacitySpecification(t -> t.totalTargetCapacity(total)
                        .onDemandTargetCapacity(onDemand).spotTargetCapacity(spot))
                        .excessCapacityTerminationPolicy(policy));
            }
            return "fleet " + target + " back to a target capacity of " + total;
        }
    }
}
