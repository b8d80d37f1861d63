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
 */
public record CompromisedInstance(
        Origin origin, String instanceId, String region, Optional<String> vpcId, List<String> networkInterfaceIds,
        boolean victimOnly, boolean mining, String reason) implements Signal {

    public CompromisedInstance {
        networkInterfaceIds = List.copyOf(networkInterfaceIds);
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
