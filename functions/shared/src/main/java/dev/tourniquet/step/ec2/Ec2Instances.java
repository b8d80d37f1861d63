package dev.tourniquet.step.ec2;

import dev.tourniquet.internal.ResourceGoneException;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;

/** Reads of one instance that several steps share. IAM action: {@code ec2:DescribeInstances}. */
final class Ec2Instances {
    private Ec2Instances() {}

    static Instance describe(Ec2Client ec2, String instanceId) {
        return in(ec2.describeInstances(r -> r.instanceIds(instanceId)), instanceId);
    }

    /** The instance in a DescribeInstances answer; gone when it is not there. */
    static Instance in(DescribeInstancesResponse response, String instanceId) {
        return response.reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .filter(instance -> instanceId.equals(instance.instanceId()))
                .findFirst()
                .orElseThrow(() -> new ResourceGoneException("EC2 knows no instance " + instanceId));
    }

    /** The EBS volumes attached to the instance. */
    static List<String> volumeIds(Instance instance) {
        return instance.blockDeviceMappings().stream().filter(m -> m.ebs() != null)
                .map(m -> m.ebs().volumeId()).toList();
    }

    static List<String> groupIds(List<GroupIdentifier> groups) {
        return groups.stream().map(GroupIdentifier::groupId).sorted().toList();
    }

    static List<String> groupIds(InstanceNetworkInterface networkInterface) {
        return groupIds(networkInterface.groups());
    }
}
