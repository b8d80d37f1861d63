package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.ProvenanceRecorder;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * record-provenance end to end on moto server: CloudTrail records reach it alone (never a containment function), it
 * stores them, and a record of a credential contained already comes back to the instance function as a chain
 * event that isolates exactly the instance it names, within the same chain of deliveries.
 */
class ProvenanceIntakeIT {
    private static final String INTAKE = "RecordProvenanceFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    @Test
    void launchRecord_ofAnUncontainedKey_isOnlyRecorded() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String instanceId = scene.launch(InstanceScene.REGION, scene.network(), false);

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.launched(instanceId, InstanceScene.REGION,
                scene.deployBotKey()));

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.path("function").asText()).isEqualTo(INTAKE);
            assertThat(d.at("/response/status").asText()).isEqualTo("recorded");
            assertThat(d.at("/response/late").asInt()).isZero();
        });
        assertThat(scene.emulator().recorder(InstanceScene.FUNCTION).calls()).isEmpty();
        PERFORMED.addAll(scene.emulator().recorder(INTAKE).actions());
    }

    @Test
    void launchRecord_arrivingAfterItsKeyWasContained_isolatesThatInstanceAtOnce() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        scene.containKey(key);
        String late = scene.launch(InstanceScene.REGION, scene.network(), false);
        String owners = scene.launch(InstanceScene.REGION, scene.network(), false);

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.launched(late, InstanceScene.REGION, key));

        assertThat(deliveries).extracting(d -> d.path("function").asText())
                .containsExactly(INTAKE, InstanceScene.FUNCTION);
        assertThat(deliveries.get(0).at("/response/late").asInt()).isEqualTo(1);
        assertThat(deliveries.get(1).path("rule").asText()).isEqualTo("LateInstanceRecordRule");
        JsonNode incident = InstanceScene.incident(deliveries.subList(1, 2));
        assertThat(incident.toString()).contains(late);
        assertThat(InstanceScene.groupIds(scene.instance(InstanceScene.REGION, late)))
                .allMatch(id -> scene.group(InstanceScene.REGION, id).groupName().startsWith("tourniquet-isolation-"));
        assertThat(InstanceScene.groupIds(scene.instance(InstanceScene.REGION, owners)))
                .containsExactly(scene.network().webGroupId());
        PERFORMED.addAll(scene.emulator().recorder(INTAKE).actions());
    }

    @Test
    void malformedRecord_isRejected_withAnAlertNamingItsCaller() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        ObjectNode record = InstanceScene.launched("i-0123456789abcdef0", InstanceScene.REGION, key);
        ((ObjectNode) record.path("detail").path("responseElements")).remove("instancesSet");
        scene.emulator().account().takeAlerts();

        List<ObjectNode> deliveries = scene.deliver(record);

        assertThat(deliveries).singleElement().satisfies(d -> assertThat(d.at("/response/status").asText())
                .isEqualTo("rejected"));
        assertThat(scene.emulator().account().takeAlerts()).singleElement().asString()
                .contains("rejected an event", "names no instance", key);
        PERFORMED.addAll(scene.emulator().recorder(INTAKE).actions());
    }

    @Test
    void layerAttached_whosePublisherIsNotContained_isOnlyRecorded() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);

        // The layer's publisher is read (its record, a Query) to see whether it was a contained key's.
        List<ObjectNode> deliveries = scene.deliver(Emulator.sample(
                "cloudtrail-lambda-update-function-configuration-layers.json"));

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.path("function").asText()).isEqualTo(INTAKE);
            assertThat(d.at("/response/provenance").asInt()).isEqualTo(2);
            assertThat(d.at("/response/late").asInt()).isZero();
        });
        assertThat(scene.emulator().recorder(INTAKE).actions()).contains("dynamodb:Query");
        PERFORMED.addAll(scene.emulator().recorder(INTAKE).actions());
    }

    @AfterAll
    static void everyOperationPerformed_isGrantedByTheTemplate_andAllItNeeds() {
        assertThat(Emulator.leastPrivilege(INTAKE).notGranted(PERFORMED)).isEmpty();
        // The footprint's reads happen only when a footprint is set (FootprintIT).
        assertThat(PERFORMED).containsExactlyInAnyOrderElementsOf(ProvenanceRecorder.PERMISSIONS.stream()
                .filter(p -> !dev.tourniquet.flow.FootprintShapes.PERMISSIONS.contains(p)).toList());
    }
}
