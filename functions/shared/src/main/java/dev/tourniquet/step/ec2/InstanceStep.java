package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.Step;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What every step on one EC2 instance shares: the instance, its region's client, and a prior state that
 * starts with both (a release needs the region to find the instance again).
 */
abstract class InstanceStep implements Step {
    protected final Ec2Client ec2;
    protected final String instanceId;
    protected final String region;

    InstanceStep(Ec2Client ec2, String instanceId, String region) {
        this.ec2 = ec2;
        this.instanceId = instanceId;
        this.region = region;
    }

    @Override
    public String target() {
        return instanceId;
    }

    protected ObjectNode prior() {
        return Json.object().put("instanceId", instanceId).put("region", region);
    }

    /** The instance as EC2 describes it now. */
    protected Instance describe() {
        return Ec2Instances.describe(ec2, instanceId);
    }
}
