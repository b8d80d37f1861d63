package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/** An isolated, stopped instance started again by another identity: stopped again, that identity contained. */
class InstanceStaysContainedIT {

    static ObjectNode started(String instanceId, String user, String key) {
        ObjectNode event = Undo.byUser(Undo.of("cloudtrail-ec2-start-instances.json", InstanceScene.REGION), user, key);
        ((ObjectNode) Undo.request(event).at("/instancesSet/items/0")).put("instanceId", instanceId);
        ((ObjectNode) event.at("/detail/responseElements/instancesSet/items/0")).put("instanceId", instanceId);
        return event;
    }

    static String stoppedMiner(InstanceScene scene) {
        String id = scene.launch(InstanceScene.REGION, scene.network(), true);
        scene.launchedByDeployBot(id);
        scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", id, InstanceScene.REGION));
        assertThat(scene.instance(InstanceScene.REGION, id).state().name()).isIn(InstanceStateName.STOPPED,
                InstanceStateName.STOPPING);
        return id;
    }

    static String backdoorKey(InstanceScene scene) {
        scene.iam().createUser(r -> r.userName("ops-backdoor"));
        return scene.iam().createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
    }

    static StatusType status(InstanceScene scene, String user, String key) {
        return scene.iam().listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::status).findFirst().orElseThrow();
    }

    @Test
    void isolatedInstanceStarted_isStoppedAgain_andItsAuthorContained() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String id = stoppedMiner(scene);
        String key = backdoorKey(scene);
        scene.ec2(InstanceScene.REGION).startInstances(r -> r.instanceIds(id));

        List<ObjectNode> deliveries = scene.deliver(started(id, "ops-backdoor", key));

        assertThat(scene.instance(InstanceScene.REGION, id).state().name()).as("stopped again")
                .isIn(InstanceStateName.STOPPED, InstanceStateName.STOPPING);
        // The start reaches record-provenance (who started it) and, through ContainmentUndoneEc2, the instance
        // function, which re-applies.
        assertThat(deliveries).filteredOn(d -> "ContainmentUndoneEc2".equals(d.path("rule").asText()))
                .singleElement().satisfies(d -> assertThat(d.at("/response/incidents/0/steps/0/step").asText())
                        .isEqualTo("stop-instance"));
        assertThat(status(scene, "ops-backdoor", key)).as("the author contained").isEqualTo(StatusType.INACTIVE);
    }
}
