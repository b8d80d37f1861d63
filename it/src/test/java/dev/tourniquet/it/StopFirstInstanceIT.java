package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.internal.Mode;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * An instance sweep stops first: the instances of each region are stopped in one {@code StopInstances} call before
 * any instance's evidence is taken; an instance with instance-store volumes (erased by a stop) is isolated first
 * and stopped only after its evidence; a release starts what was running.
 */
class StopFirstInstanceIT {
    private static final String OTHER = "eu-west-1";

    @Test
    void sweep_stopsEachRegionsInstancesInOneBatchBeforeAnyEvidence_andIsolatesAnInstanceStoreOneFirst() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        InstanceScene.Network otherNetwork = scene.network(OTHER);
        String key = scene.deployBotKey();
        List<String> here = List.of(run(scene, REGION, scene.network(), "t3.large"),
                run(scene, REGION, scene.network(), "t3.large"), run(scene, REGION, scene.network(), "t3.large"));
        List<String> there = List.of(run(scene, OTHER, otherNetwork, "t3.large"),
                run(scene, OTHER, otherNetwork, "t3.large"));
        String withStore = run(scene, REGION, scene.network(), "m5d.large");
        here.forEach(id -> scene.deliver(InstanceScene.launched(id, REGION, key)));
        there.forEach(id -> scene.deliver(InstanceScene.launched(id, OTHER, key)));
        scene.deliver(InstanceScene.launched(withStore, REGION, key));
        scene.recorder().clear();

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.contained(key));

        List<OperationRecorder.Call> calls = scene.recorder().calls().stream()
                .sorted(Comparator.comparingLong(OperationRecorder.Call::startNanos)).toList();
        List<Integer> stops = indexes(calls, "ec2:StopInstances");
        List<Integer> evidence = indexes(calls, "ec2:GetConsoleOutput");
        List<Integer> isolations = indexes(calls, "ec2:ModifyInstanceAttribute");
        assertThat(stops).as("one batch per region, then the instance-store instance's own stop").hasSize(3);
        assertThat(evidence).hasSize(6);
        assertThat(stops.subList(0, 2)).allSatisfy(i -> assertThat(i).isLessThan(evidence.get(0)));
        assertThat(isolations).as("the instance-store instance isolated before any evidence")
                .anySatisfy(i -> assertThat(i).isLessThan(evidence.get(0)));
        assertThat(stops.get(2)).as("its stop follows evidence").isGreaterThan(evidence.get(0));
        for (String id : here) {
            assertThat(scene.instance(REGION, id).state().name()).as(id).isEqualTo(InstanceStateName.STOPPED);
        }
        for (String id : there) {
            assertThat(scene.instance(OTHER, id).state().name()).as(id).isEqualTo(InstanceStateName.STOPPED);
        }
        assertThat(scene.instance(REGION, withStore).state().name()).isEqualTo(InstanceStateName.STOPPED);
        JsonNode sweep = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response");
        assertThat(sweep.path("stoppedFirst").path("stopped").asInt()).isEqualTo(5);
        assertThat(sweep.path("stoppedFirst").path("isolated").asInt()).isEqualTo(1);
        JsonNode incident = incidentOf(sweep, here.get(0));
        assertThat(InstanceScene.results(incident)).containsEntry("stop-instance", "already_applied");

        List<String> restored = scene.release(incident);

        assertThat(restored).anySatisfy(line -> assertThat(line).contains("started " + here.get(0)));
        assertThat(scene.instance(REGION, here.get(0)).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(scene.instance(REGION, here.get(1)).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @Test
    void planMode_stopsNothing() {
        InstanceScene scene = InstanceScene.fresh(Mode.PLAN);
        String key = scene.deployBotKey();
        String id = run(scene, REGION, scene.network(), "t3.large");
        scene.deliver(InstanceScene.launched(id, REGION, key));
        scene.recorder().clear();

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.contained(key));

        // Plan mode's own EC2 checks are DryRun calls (they change nothing); the first phase makes none.
        JsonNode sweep = deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule"))
                .findFirst().orElseThrow().path("response");
        assertThat(sweep.path("stoppedFirst").path("skipped").asText()).isEqualTo("plan mode");
        assertThat(InstanceScene.results(incidentOf(sweep, id))).containsEntry("stop-instance", "planned");
        assertThat(scene.instance(REGION, id).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(InstanceScene.groupIds(scene.instance(REGION, id))).containsExactly(scene.network().webGroupId());
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(InstanceScene.PERFORMED).contains("ec2:StopInstances", "ec2:DescribeInstanceTypes");
        InstanceScene.assertLeastPrivilege();
    }

    private static String run(InstanceScene scene, String region, InstanceScene.Network network, String type) {
        return scene.ec2(region).runInstances(r -> r.imageId("ami-12c6146b").instanceType(type).minCount(1)
                .maxCount(1).subnetId(network.subnetId()).securityGroupIds(network.webGroupId()))
                .instances().get(0).instanceId();
    }

    private static JsonNode incidentOf(JsonNode sweep, String id) {
        for (JsonNode incident : sweep.path("incidents")) {
            if (id.equals(incident.path("subject").asText())) {
                return incident;
            }
        }
        throw new AssertionError("no incident for " + id);
    }

    private static List<Integer> indexes(List<OperationRecorder.Call> calls, String action) {
        return IntStream.range(0, calls.size()).filter(i -> calls.get(i).actions().contains(action)).boxed().toList();
    }
}
