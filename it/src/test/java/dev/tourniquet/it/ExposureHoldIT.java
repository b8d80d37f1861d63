package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.records.IncidentStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The exposure hold end to end on moto server: a key reported exposed; the attacker's function and GPU instance, and
 * an owner's deploy, all made inside its window with no CloudTrail record yet, are held at once (the one stopping
 * call each); an owner's function made before the window is never touched. Then the records arrive: the owner's
 * deploy is released automatically, the attacker's function contained in full; the instance, still unexplained, stays
 * held until a person releases it. With {@code ExposureHold=false} nothing is held.
 */
class ExposureHoldIT extends QuarantineFunctionScenario {
    private static final String INSTANCE_FUNCTION = "IsolateInstanceFunction";
    private static final Set<String> INSTANCE_PERFORMED = new TreeSet<>();
    private static final DateTimeFormatter HEALTH_TIME = DateTimeFormatter.RFC_1123_DATE_TIME;

    @AfterAll
    static void instanceFunctionStaysWithinItsPolicy() {
        assertThat(INSTANCE_PERFORMED).contains("ec2:StopInstances", "ec2:DescribeRegions", "dynamodb:DeleteItem");
        assertThat(Emulator.leastPrivilege(INSTANCE_FUNCTION).notGranted(INSTANCE_PERFORMED)).isEmpty();
    }

    // The window opens at the exposure itself (no look-back): a function made a moment before it is the owner's.
    private void scene(boolean hold) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> c.withServiceEndpoint("cloudtrail",
                URI.create(wiremock.baseUrl())).toBuilder().exposureLookBack(Duration.ZERO).exposureHold(hold).build(),
                List.of(MiningScene.codeFromWireMock(wiremock)));
        scene = new MiningScene(emulator, wiremock);
    }

    @Test
    void exposedKey_holdsWhatAppearedUnexplained_thenReleasesTheOwnersAndContainsTheAttackers() throws Exception {
        scene(true);
        Deployed before = scene.deploy(MiningScene.WEST, "nightly-report", "reports-exec", "owner", scene.ownerKey,
                false);
        Thread.sleep(1100);
        Instant exposedAt = Instant.now();
        Thread.sleep(50);
        Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec", "deploy-bot",
                scene.attackerKey, false);
        sqsTrigger(miner);
        Deployed ownerDeploy = scene.deploy(MiningScene.EAST, "billing-api", "shared-exec", "owner", scene.ownerKey,
                false);
        String gpu = ec2().runInstances(r -> r.imageId("ami-12c6146b").instanceType("g4dn.12xlarge").minCount(1)
                .maxCount(1)).instances().get(0).instanceId();
        emulator.account().takeAlerts();

        List<ObjectNode> swept = deliverBoth(exposed(scene.attackerKey, exposedAt));

        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.concurrency(miner)).as("held at once").isZero();
        assertThat(scene.mappingStates(miner)).as("held: only the stopping call").containsOnly("Enabled");
        assertThat(scene.concurrency(ownerDeploy)).as("held until its record arrives").isZero();
        assertThat(state(gpu)).isEqualTo(InstanceStateName.STOPPED);
        assertThat(scene.concurrency(before)).as("made before the window: never held").isNull();
        assertThat(scene.tags(before)).doesNotContainKey("tourniquet:incident");
        JsonNode minerHold = incidentOf(swept, miner);
        assertThat(minerHold.path("steps").findValuesAsText("step")).containsExactly("set-reserved-concurrency-zero");
        assertThat(record(minerHold.path("incidentId").asText())).containsEntry("findingType",
                AttributeValue.fromS("Exposure Hold"));
        List<String> alerts = emulator.account().takeAlerts();
        assertThat(alerts).anySatisfy(alert -> assertThat(alert)
                .contains("HELD PROVISIONALLY", miner.arn(), ownerDeploy.arn()).doesNotContain(before.arn()));
        assertThat(alerts).anySatisfy(alert -> assertThat(alert).contains("HELD PROVISIONALLY", gpu));

        // The records arrive: the owner's deploy, and the miner's (a late record of the contained key: contained).
        deliver(createFunction(ownerDeploy, exposedAt.plusSeconds(1)));
        deliver(createFunction(miner, exposedAt.plusSeconds(1)));
        List<ObjectNode> reviewed = deliverBoth(review());

        assertThat(scene.concurrency(ownerDeploy)).as("released automatically").isNull();
        String ownerHold = incidentOf(swept, ownerDeploy).path("incidentId").asText();
        assertThat(record(ownerHold)).containsKey("releasedAt")
                .containsEntry("exposureDecision", AttributeValue.fromS("released"))
                .satisfies(r -> assertThat(r.get("exposureReason").s()).contains("user/owner", "outside the incident"));
        assertThat(scene.concurrency(miner)).isZero();
        assertThat(scene.mappingStates(miner)).as("contained in full").containsOnly("Disabled");
        assertThat(scene.tags(miner)).containsKey("tourniquet:incident");
        assertThat(record(minerHold.path("incidentId").asText()))
                .containsEntry("exposureDecision", AttributeValue.fromS("contained"));
        assertThat(state(gpu)).as("still unexplained: still held").isEqualTo(InstanceStateName.STOPPED);
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("RELEASED " + ownerDeploy.arn(), "CONTAINED " + miner.arn()));
        assertThat(reviewed).isNotEmpty();

        // Nothing is decided twice; a person releases the instance's hold, and the review drops it.
        deliverBoth(review());
        assertThat(scene.concurrency(ownerDeploy)).isNull();
        String gpuHold = held("instance").get(gpu);
        assertThat(Releases.release(emulator, gpuHold)).isNotEmpty();
        assertThat(state(gpu)).isIn(InstanceStateName.RUNNING, InstanceStateName.PENDING);
        deliverBoth(review());
        assertThat(held("instance")).isEmpty();
        assertThat(record(gpuHold)).containsEntry("exposureDecision", AttributeValue.fromS("released"));
        assertThat(state(gpu)).isIn(InstanceStateName.RUNNING, InstanceStateName.PENDING);
        assertThat(deliverBoth(review())).allSatisfy(d -> assertThat(d.path("response").path("status").asText())
                .isEqualTo("nothing_to_do"));
    }

    @Test
    void exposureHoldOff_holdsNothing() throws Exception {
        scene(false);
        Thread.sleep(50);
        Instant exposedAt = Instant.now();
        Thread.sleep(50);
        Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec", "deploy-bot",
                scene.attackerKey, false);
        String gpu = ec2().runInstances(r -> r.imageId("ami-12c6146b").instanceType("g4dn.12xlarge").minCount(1)
                .maxCount(1)).instances().get(0).instanceId();

        deliverBoth(exposed(scene.attackerKey, exposedAt));
        List<ObjectNode> reviewed = deliverBoth(review());

        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(state(gpu)).isEqualTo(InstanceStateName.RUNNING);
        assertThat(held("function")).isEmpty();
        assertThat(reviewed).isNotEmpty().allSatisfy(d -> assertThat(d.path("response").path("status").asText())
                .isEqualTo("nothing_to_do"));
    }

    private List<ObjectNode> deliverBoth(JsonNode event) {
        List<ObjectNode> deliveries = deliver(event);
        INSTANCE_PERFORMED.addAll(emulator.recorder(INSTANCE_FUNCTION).actions());
        return deliveries;
    }

    // A queue feeding the function, its CloudTrail record not delivered (MiningScene#sqsTrigger delivers one).
    private void sqsTrigger(Deployed f) {
        software.amazon.awssdk.services.sqs.SqsClient sqs = emulator.admin().client("sqs", f.region(),
                software.amazon.awssdk.services.sqs.SqsClient::builder);
        String url = sqs.createQueue(r -> r.queueName(f.name() + "-jobs")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN)).attributes()
                .get(software.amazon.awssdk.services.sqs.model.QueueAttributeName.QUEUE_ARN);
        scene.lambda(f.region()).createEventSourceMapping(r -> r.functionName(f.name()).eventSourceArn(queueArn)
                .batchSize(10).enabled(true));
    }

    private Ec2Client ec2() {
        return emulator.admin().client("ec2", MiningScene.WEST, Ec2Client::builder);
    }

    private InstanceStateName state(String instanceId) {
        return ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0)
                .state().name();
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return new IncidentStore(emulator.admin().dynamoDb(), emulator.configuration().tableName()).find(incidentId)
                .orElseThrow(() -> new AssertionError("no incident " + incidentId));
    }

    // The open holds of one kind, resource → hold incident, as the review reads them.
    private Map<String, String> held(String kind) {
        Map<String, String> held = new java.util.HashMap<>();
        new dev.tourniquet.records.ExposureHolds(emulator.admin().dynamoDb(), emulator.configuration().tableName())
                .open(kind).held().forEach(h -> held.put(h.resourceId(), h.holdIncident()));
        return held;
    }

    private static ObjectNode exposed(String key, Instant startTime) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        event.put("id", UUID.randomUUID().toString()).put("time", startTime.plusSeconds(1).toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        String health = HEALTH_TIME.format(startTime.atOffset(ZoneOffset.UTC));
        detail.put("startTime", health).put("lastUpdatedTime", health);
        ((ObjectNode) detail.at("/affectedEntities/0")).put("entityValue", key);
        return event;
    }

    private static ObjectNode createFunction(Deployed f, Instant at) {
        ObjectNode event = MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", f);
        ((ObjectNode) event.path("detail")).put("eventTime", at.toString());
        event.put("time", at.toString());
        return event;
    }

    private static ObjectNode review() {
        return Emulator.sample("scheduled-exposure-hold-review.json").put("id", UUID.randomUUID().toString())
                .put("time", Instant.now().toString());
    }
}
