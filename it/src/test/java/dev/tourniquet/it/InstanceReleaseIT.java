package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.REGION;
import static dev.tourniquet.it.InstanceScene.groupIds;
import static dev.tourniquet.it.InstanceScene.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Undoing a containment from its recorded prior state, as {@code ./tourniquet release} does: the instance
 * runs again with its own groups, profile and settings, rejoins its Auto Scaling group, and the evidence stays.
 */
class InstanceReleaseIT {

    @Test
    void release_afterContainment_restoresTheInstanceAndKeepsTheEvidence() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, scene.network(), true);
        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId,
                REGION)));

        scene.release(incident);

        Instance instance = scene.instance(REGION, instanceId);
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(instance)).containsExactly(scene.network().webGroupId());
        assertThat(scene.hasProfile(instanceId)).isTrue();
        assertThat(scene.terminationProtected(instanceId)).isFalse();
        assertThat(instance.blockDeviceMappings()).allSatisfy(m -> assertThat(m.ebs().deleteOnTermination()).isTrue());
        assertThat(scene.iam().listRolePolicies(r -> r.roleName(InstanceScene.ROLE)).policyNames()).isEmpty();
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
    }

    @Test
    void release_instanceDetachedFromItsAutoScalingGroup_rejoinsIt() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String instanceId = scene.inAutoScalingGroup("miners");
        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId,
                REGION)));

        List<String> released = scene.release(incident);

        assertThat(released).anyMatch(line -> line.contains("attached again to group miners"));
        var group = scene.autoScaling(REGION).describeAutoScalingGroups(r -> r.autoScalingGroupNames("miners"))
                .autoScalingGroups().get(0);
        assertThat(group.instances()).extracting(i -> i.instanceId()).containsExactly(instanceId);
        assertThat(group.minSize()).isEqualTo(1);
        assertThat(group.desiredCapacity()).isEqualTo(1);
        assertThat(scene.instance(REGION, instanceId).state().name()).isEqualTo(InstanceStateName.RUNNING);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        InstanceScene.assertLeastPrivilege();
    }
}
