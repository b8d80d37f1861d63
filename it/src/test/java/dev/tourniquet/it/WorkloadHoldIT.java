package dev.tourniquet.it;

import static dev.tourniquet.it.WorkloadHoldScene.incidentOf;
import static dev.tourniquet.it.WorkloadHoldScene.stopWorkloadDeliveries;
import static dev.tourniquet.it.WorkloadHoldScene.stopWorkloadIncidents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The exposure hold of workloads end to end on moto server (ECS; moto's tasks and services are dated by the
 * {@link dev.tourniquet.cli.simulate.EcsCreationTimes} stand-in, as AWS dates them, see {@link WorkloadHoldScene}): a
 * key reported exposed; the attacker's Fargate miner task, an owner's task and a service, all started inside its window
 * with no CloudTrail record yet, are held by stop-workload at the key's sweep (an incident each, finding type
 * {@code Exposure Hold}, the workload playbook's reversible stop only); the owner's task started before the window is
 * never held. Then the records arrive: the owner's task is released by the review, the miner contained in full under
 * the containment; the service, still unexplained, is released by a person and the review drops it. With
 * {@code ExposureHold=false} nothing is held.
 */
class WorkloadHoldIT {
    private static final DateTimeFormatter HEALTH_TIME = DateTimeFormatter.RFC_1123_DATE_TIME;

    @RegisterExtension
    static final WorkloadHoldScene HOLDS = new WorkloadHoldScene();

    private Emulator emulator;
    private EcsWorkloadScene scene;

    @AfterAll
    static void stopWorkloadStaysWithinItsPolicy() {
        assertThat(HOLDS.performed()).contains("ecs:ListClusters", "ecs:ListTasks", "ecs:DescribeTasks",
                "ecs:DescribeServices", "ecs:UpdateService", "ecs:StopTask", "codebuild:ListBuilds",
                "sagemaker:ListTrainingJobs", "batch:DescribeComputeEnvironments", "ec2:DescribeRegions",
                "dynamodb:DeleteItem");
        assertThat(Emulator.leastPrivilege(WorkloadHoldScene.FUNCTION).notGranted(HOLDS.performed())).isEmpty();
    }

    // The window opens at the exposure itself (no look-back).
    private void scene(boolean hold) {
        emulator = HOLDS.fresh(List.of(),
                c -> c.toBuilder().exposureLookBack(Duration.ZERO).exposureHold(hold).build());
        scene = new EcsWorkloadScene(emulator);
    }

    @Test
    void exposedKey_holdsTheWorkloadsThatAppearedUnexplained_thenReleasesTheOwnersAndContainsTheAttackers()
            throws Exception {
        scene(true);
        String ownerOld = scene.runTask("web");
        Thread.sleep(1100);
        Instant exposedAt = Instant.now();
        Thread.sleep(50);
        String miner = scene.runTask("xmrig");
        String ownerTask = scene.runTask("web");
        String service = scene.createService("batch-worker", "xmrig");
        emulator.account().takeAlerts();

        List<ObjectNode> swept = deliver(exposed(scene.attackerKey, exposedAt));

        assertThat(keyStatus()).isEqualTo(StatusType.INACTIVE);
        Map<String, String> held = held();
        assertThat(held).as("what started in the window with no record").containsOnlyKeys(miner, ownerTask, service);
        for (String workload : List.of(miner, ownerTask, service)) {
            JsonNode hold = incidentOf(swept, workload);
            assertThat(hold.path("incidentId").asText()).isEqualTo(held.get(workload));
            assertThat(record(held.get(workload))).containsEntry("findingType", AttributeValue.fromS("Exposure Hold"));
            // A hold makes the one stopping call, and only one a release can undo (WorkloadHoldSteps).
            assertThat(hold.path("steps").size()).as("held: the stop only").isLessThanOrEqualTo(1);
        }
        assertThat(scene.desiredStatus(ownerOld)).as("started before the window: never held").isEqualTo("RUNNING");
        // A task's stop cannot be undone by a release (stop-task is irreversible): its hold alerts and waits, the
        // service's stop can (scale-service-to-zero), so the service is scaled to zero at once.
        assertThat(scene.desiredStatus(ownerTask)).as("held without a stop no release could undo").isEqualTo("RUNNING");
        assertThat(incidentOf(swept, miner).path("decision").asText()).isEqualTo("alert_only");
        assertThat(incidentOf(swept, service).path("steps").findValuesAsText("step"))
                .containsExactly("scale-service-to-zero");
        assertThat(scene.desiredCount(service)).as("held: scaled to zero").isZero();
        assertThat(stopWorkloadIncidents(swept)).noneSatisfy(i -> assertThat(i.path("subject").asText())
                .isEqualTo(ownerOld));
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("HELD PROVISIONALLY", miner, ownerTask, service).doesNotContain(ownerOld));

        // The records arrive: the owner's run, and the miner's (a late record of the contained key).
        deliver(EcsWorkloadScene.runTaskRecord(ownerTask, "owner", scene.ownerKey, exposedAt.plusSeconds(1)));
        deliver(EcsWorkloadScene.runTaskRecord(miner, "deploy-bot", scene.attackerKey, exposedAt.plusSeconds(1)));
        deliver(review());

        assertThat(record(held.get(ownerTask))).containsEntry("exposureDecision", AttributeValue.fromS("released"))
                .satisfies(r -> assertThat(r.get("exposureReason").s()).contains("user/owner", "outside the incident"))
                // What the hold applied is given back as ./tourniquet release gives it back (nothing when it only
                // alerted: a stop no release can undo is never made by a hold).
                .satisfies(r -> assertThat(r.containsKey("releasedAt")).isEqualTo(acted(swept, ownerTask)));
        assertThat(record(held.get(miner))).containsEntry("exposureDecision", AttributeValue.fromS("contained"));
        assertThat(scene.desiredStatus(miner)).as("contained in full: its task stopped").isEqualTo("STOPPED");
        assertThat(scene.desiredStatus(ownerTask)).as("released: never stopped").isEqualTo("RUNNING");
        assertThat(held()).as("the service, still unexplained, stays held").containsOnlyKeys(service);
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("RELEASED " + ownerTask, "CONTAINED " + miner));

        // A person releases the service's hold: its desired count is back, the review drops the hold, and nothing is
        // decided twice.
        assertThat(scene.desiredCount(service)).as("still held: scaled to zero").isZero();
        Releases.release(emulator, held.get(service));
        assertThat(scene.desiredCount(service)).as("released: its desired count back").isEqualTo(1);
        deliver(review());
        assertThat(held()).isEmpty();
        assertThat(record(held.get(service))).containsEntry("exposureDecision", AttributeValue.fromS("released"));
        assertThat(stopWorkloadDeliveries(deliver(review())))
                .isNotEmpty().allSatisfy(d -> assertThat(d.path("response").path("status").asText())
                        .isEqualTo("nothing_to_do"));
    }

    @Test
    void exposureHoldOff_holdsNoWorkload() throws Exception {
        scene(false);
        Thread.sleep(50);
        Instant exposedAt = Instant.now();
        Thread.sleep(50);
        String miner = scene.runTask("xmrig");

        deliver(exposed(scene.attackerKey, exposedAt));
        List<ObjectNode> reviewed = deliver(review());

        assertThat(keyStatus()).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.desiredStatus(miner)).isEqualTo("RUNNING");
        assertThat(held()).isEmpty();
        assertThat(stopWorkloadDeliveries(reviewed)).isNotEmpty()
                .allSatisfy(d -> assertThat(d.path("response").path("status").asText()).isEqualTo("nothing_to_do"));
    }

    private List<ObjectNode> deliver(JsonNode event) {
        return HOLDS.deliver(event);
    }

    // Whether the hold's incident made its stopping call (the workload playbook planned a reversible stop).
    private static boolean acted(List<ObjectNode> deliveries, String workload) {
        return "act".equals(incidentOf(deliveries, workload).path("decision").asText());
    }

    private StatusType keyStatus() {
        return emulator.admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(scene.attackerKey)).findFirst().orElseThrow().status();
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return HOLDS.record(incidentId);
    }

    // The open exposure holds of workloads, resource → hold incident, as the review reads them.
    private Map<String, String> held() {
        Map<String, String> held = new HashMap<>();
        new dev.tourniquet.records.ExposureHolds(emulator.admin().dynamoDb(), emulator.configuration().tableName())
                .open("workload").held().forEach(h -> held.put(h.resourceId(), h.holdIncident()));
        return held;
    }

    static ObjectNode exposed(String key, Instant startTime) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        event.put("id", UUID.randomUUID().toString()).put("time", startTime.plusSeconds(1).toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        String health = HEALTH_TIME.format(startTime.atOffset(ZoneOffset.UTC));
        detail.put("startTime", health).put("lastUpdatedTime", health);
        ((ObjectNode) detail.at("/affectedEntities/0")).put("entityValue", key);
        return event;
    }

    static ObjectNode review() {
        return Emulator.sample("scheduled-exposure-hold-review.json").put("id", UUID.randomUUID().toString())
                .put("time", Instant.now().toString());
    }
}
