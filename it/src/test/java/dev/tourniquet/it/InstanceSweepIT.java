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

        // "Credential Contained" reaches every sweep: the Lambda, workload and IAM ones (nothing of this key's), this
        // one, and the history sweep of record-provenance.
        assertThat(deliveries).extracting(d -> d.path("rule").asText()).containsExactlyInAnyOrder(
                "CredentialContainedRule", "InstanceSweepRule", "CredentialContainedIamRule",
                "CredentialContainedHistoryRule", "CredentialContainedWorkloadsRule");
        JsonNode incidents = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response").path("incidents");
        // The instance no record names yet is held by the exposure hold (stopped only, an incident of its own).
        assertThat(incidents.findValuesAsText("subject")).containsExactlyInAnyOrder(here, there, spotInstance,
                unrecorded);
        for (String[] swept : new String[][] {{REGION, here}, {other, there}, {other, spotInstance}}) {
            Instance instance = scene.instance(swept[0], swept[1]);
            assertThat(instance.state().name()).as(swept[1]).isEqualTo(InstanceStateName.STOPPED);
            assertThat(scene.group(swept[0], groupIds(instance).get(0)).groupName()).startsWith("tourniquet-isolation-");
        }
        assertThat(scene.instance(REGION, someoneElses).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, someoneElses))).containsExactly(network.webGroupId());
        assertThat(scene.instance(other, unrecorded).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(groupIds(scene.instance(other, unrecorded))).as("held: stopped only")
                .containsExactly(otherNetwork.webGroupId());
        assertThat(incidents.findValuesAsText("step")).doesNotContain("emit-credential-compromised");
        assertThat(scene.recorder().regions()).contains(REGION, other);
    }

    @Test
    void creatorSweep_ofAKeyCaughtThroughOneMiner_stopsItsLookAlikesAndLeavesItsOtherInstancesRunning() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        InstanceScene.Network network = scene.network();
        String miner = scene.launch(REGION, network, false);
        String lookAlike = scene.launch(REGION, network, false);
        String buildAgent = scene.ec2(REGION).runInstances(r -> r.imageId("ami-12c6146b").instanceType("t3.micro")
                .minCount(1).maxCount(1).subnetId(network.subnetId()).securityGroupIds(network.webGroupId()))
                .instances().get(0).instanceId();
        String key = scene.launchedByDeployBot(miner);
        scene.deliver(InstanceScene.launched(lookAlike, REGION, key));
        scene.deliver(InstanceScene.launched(buildAgent, REGION, key));

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", miner,
                REGION));

        assertThat(scene.instance(REGION, miner).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(scene.instance(REGION, lookAlike).state().name()).as("same type and image")
                .isEqualTo(InstanceStateName.STOPPED);
        assertThat(scene.instance(REGION, buildAgent).state().name()).as("another type: not of the miner's shape")
                .isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, buildAgent))).containsExactly(network.webGroupId());
        JsonNode sweep = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response");
        assertThat(sweep.path("notOfFlaggedShape")).singleElement()
                .satisfies(id -> assertThat(id.asText()).isEqualTo(buildAgent));
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(InstanceScene.PERFORMED).contains("ec2:DescribeSpotInstanceRequests", "dynamodb:Query",
                "ec2:DescribeInstances");
        InstanceScene.assertLeastPrivilege();
    }
}
