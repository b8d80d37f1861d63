package dev.tourniquet.signal;

import java.util.List;
import java.util.Optional;

/**
 * An EC2 instance caught mining, beaconing or otherwise compromised.
 *
 * @param instanceId         the instance
 * @param region             its region
 * @param vpcId              its VPC, when the event says
 * @param networkInterfaceIds its network interfaces, when the event says
 * @param victimOnly         the finding names the instance as a target (brute force against it): alert only
 * @param mining             the finding is a mining family (the instance is stopped, not only isolated)
 * @param reason             why
 * @param facts              what is known of the instance beyond the event: tags, instance profile, role and
 *                           who launched it (from the finding at first, then read from AWS before planning)
 */
public record CompromisedInstance(
        Origin origin, String instanceId, String region, Optional<String> vpcId, List<String> networkInterfaceIds,
        boolean victimOnly, boolean mining, String reason, InstanceFacts facts) implements Signal {

    public CompromisedInstance {
        networkInterfaceIds = List.copyOf(networkInterfaceIds);
    }

    /** A signal with nothing known beyond the event. */
    public CompromisedInstance(Origin origin, String instanceId, String region, Optional<String> vpcId,
                               List<String> networkInterfaceIds, boolean victimOnly, boolean mining, String reason) {
        this(origin, instanceId, region, vpcId, networkInterfaceIds, victimOnly, mining, reason, InstanceFacts.NONE);
    }

    public CompromisedInstance withFacts(InstanceFacts known) {
        return new CompromisedInstance(origin, instanceId, region, vpcId, networkInterfaceIds, victimOnly, mining,
                reason, known);
    }

    /** Whether this signal comes from a sweep (the credential that launched the instance is already contained). */
    public boolean fromSweep() {
        return ChainEvents.SOURCE.equals(origin.source());
    }

    @Override
    public String subject() {
        return instanceId;
    }

    @Override
    public String signalType() {
        return "instance";
    }
}
