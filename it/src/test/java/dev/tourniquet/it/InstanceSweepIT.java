package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.FUNCTION;
import static dev.tourniquet.it.InstanceScene.REGION;
import static dev.tourniquet.it.InstanceScene.groupIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * The instance sweep: after "Credential Contained", every instance that key launched (provenance from the
 * CloudTrail events delivered before), in every region, Spot requests followed, is stopped and isolated;
 * nothing else is touched.
 */
class InstanceSweepIT {

    @Test
    void sweep_credentialContained_stopsAndIsolatesItsInstancesInEveryRegion() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        InstanceScene.Network network = scene.network();
        String other = "eu-west-1";
        InstanceScene.Network otherNetwork = scene.network(other);
        String key = scene.deployBotKey();
        String here = scene.launch(REGION, network, false);
        String there = scene.launch(other, otherNetwork, false);
        var spot = scene.ec2(other).requestSpotInstances(r -> r.instanceCount(1).type("persistent").spotPrice("4")
                .launchSpecification(l -> l.imageId("ami-12c6146b").instanceType("g4dn.12xlarge")
                        .subnetId(otherNetwork.subnetId()).securityGroupIds(otherNetwork.webGroupId())))
                .spotInstanceRequests().get(0).spotInstanceRequestId();
        String spotInstance = scene.ec2(other).describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot))
                .spotInstanceRequests().get(0).instanceId();
        String someoneElses = scene.launch(REGION, network, false);
        String unrecorded = scene.launch(other, otherNetwork, false);
        scene.deliver(InstanceScene.launched(here, REGION, key));
        scene.deliver(InstanceScene.launched(there, other, key));
        scene.deliver(InstanceScene.spotRequested(spot, other, key));
        scene.deliver(InstanceScene.launched(someoneElses, REGION, "AKIAOTHERKEY00000000"));

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.contained(key));

        // "Credential Contained" reaches every sweep: the Lambda one and the IAM one (nothing of this key's) and this one.
        assertThat(deliveries).extracting(d -> d.path("rule").asText())
                .containsExactlyInAnyOrder("CredentialContainedRule", "InstanceSweepRule", "CredentialContainedIamRule");
        JsonNode incidents = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response").path("incidents");
        assertThat(incidents.findValuesAsText("subject")).containsExactlyInAnyOrder(here, there, spotInstance);
        for (String[] swept : new String[][] {{REGION, here}, {other, there}, {other, spotInstance}}) {
            Instance instance = scene.instance(swept[0], swept[1]);
            assertThat(instance.state().name()).as(swept[1]).isEqualTo(InstanceStateName.STOPPED);
            assertThat(scene.group(swept[0], groupIds(instance).get(0)).groupName()).startsWith("tourniquet-isolation-");
        }
        assertThat(scene.instance(REGION, someoneElses).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, someoneElses))).containsExactly(network.webGroupId());
        assertThat(scene.instance(other, unrecorded).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(incidents.findValuesAsText("step")).doesNotContain("emit-credential-compromised");
        assertThat(scene.recorder().regions()).contains(REGION, other);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(InstanceScene.PERFORMED).contains("ec2:DescribeSpotInstanceRequests", "dynamodb:Query");
        InstanceScene.assertLeastPrivilege();
    }
}
