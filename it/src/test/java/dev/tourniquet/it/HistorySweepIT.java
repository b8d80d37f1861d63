package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.flow.ProvenanceRecorder;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * History beyond the events, end to end on moto server with CloudTrail's event history served by
 * {@link CloudTrailHistory}: what a leaked key did that no rule delivered (functions in two regions, an instance in a
 * third) is found in its LookupEvents history when the key is contained, and contained; what it did before its
 * exposure window is left alone; a record both delivered and in the history is contained once.
 */
class HistorySweepIT {
    static final String INTAKE = "RecordProvenanceFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static WireMockServer wiremock;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private CloudTrailHistory history;
    private Emulator emulator;
    private MiningScene scene;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMock_andCheckLeastPrivilege() {
        wiremock.stop();
        assertThat(Emulator.leastPrivilege(INTAKE).notGranted(PERFORMED)).isEmpty();
        // sns:Publish alerts a rejected record; dynamodb:Query reads a layer's publisher (SharingIT); the footprint's
        // reads judge a record when a footprint is set (FootprintIT): none happens here.
        assertThat(PERFORMED).containsAll(ProvenanceRecorder.PERMISSIONS.stream()
                .filter(p -> !p.equals("sns:Publish") && !p.equals("dynamodb:Query"))
                .filter(p -> !dev.tourniquet.flow.FootprintShapes.PERMISSIONS.contains(p)).toList());
    }

    @AfterEach
    void stop() {
        PERFORMED.addAll(emulator.recorder(INTAKE).actions());
        history.close();
    }

    /** A fresh account whose CloudTrail calls go to the history stand-in, the rest of them on to moto. */
    private void scene() {
        wiremock.resetAll();
        history = CloudTrailHistory.start(URI_UNSET);
        // Without the exposure hold: moto stamps every function's LastModified with the time it runs, so a function
        // this test dates hours back would be held as having appeared in the window (ExposureHoldIT tests the hold).
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> c.withServiceEndpoint("cloudtrail",
                history.endpoint()).toBuilder().exposureHold(false).build(),
                List.of(MiningScene.codeFromWireMock(wiremock)));
        history.forwardTo(emulator.configuration().endpoint().orElseThrow());
        scene = new MiningScene(emulator, wiremock);
    }

    private static final java.net.URI URI_UNSET = java.net.URI.create("http://127.0.0.1:1");

    private ObjectNode created(Deployed f, Duration ago) {
        return created(f, now.minus(ago));
    }

    /** The function's CreateFunction record, made at {@code time}. */
    static ObjectNode created(Deployed f, Instant time) {
        ObjectNode event = MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", f);
        ((ObjectNode) event.path("detail")).put("eventTime", time.toString());
        return event;
    }

    private Deployed unrecorded(String region, String name, String role) {
        return scene.deploy(region, name, role, "deploy-bot", scene.attackerKey, false);
    }

    /** AWS Health reports the key exposed now: its window opens an hour before. */
    private List<ObjectNode> exposed(String key) {
        return emulator.deliver(exposedAt(key, now));
    }

    /** AWS Health's exposed-key event about {@code key}, at {@code time}. */
    static ObjectNode exposedAt(String key, Instant time) {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        event.put("id", UUID.randomUUID().toString()).put("time", time.toString());
        // The window opens an hour before Health's startTime (the sample's is a fixed day): the report's own time.
        ((ObjectNode) event.path("detail")).put("startTime", time.toString());
        ((ObjectNode) event.at("/detail/affectedEntities/0")).put("entityValue", key);
        return event;
    }

    private static JsonNode historyResponse(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("rule").asText().equals("CredentialContainedHistoryRule"))
                .reduce((a, b) -> b).orElseThrow().path("response");
    }

    private long incidentsOf(String subject) {
        return emulator.admin().dynamoDb().scan(r -> r.tableName(emulator.configuration().tableName())).items()
                .stream().filter(item -> "INCIDENT".equals(text(item, "sk")) && subject.equals(text(item, "subject")))
                .count();
    }

    private static String text(java.util.Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }

    @Test
    void leakedKey_whatOnlyItsHistoryShows_inOtherRegions_isContained_andWhatPrecedesItsWindowIsNot() {
        scene();
        Deployed west = unrecorded(MiningScene.WEST, "xmrig-history-west", "xmrig-exec");
        Deployed east = unrecorded(MiningScene.EAST, "xmrig-history-east", "xmrig-exec-east");
        Deployed old = unrecorded(MiningScene.WEST, "ci-nightly-report", "reports-exec");
        Deployed owners = scene.owner(MiningScene.WEST, "owner-reports", "shared-exec");
        InstanceScene instances = InstanceScene.on(emulator);
        String instance = instances.launch(InstanceScene.REGION, instances.network(), false);
        history.add(created(west, Duration.ofMinutes(10)));
        history.add(created(east, Duration.ofMinutes(20)));
        history.add(created(old, Duration.ofHours(3)));
        ObjectNode launched = InstanceScene.launched(instance, InstanceScene.REGION, scene.attackerKey);
        ((ObjectNode) launched.path("detail")).put("eventTime", now.minus(Duration.ofMinutes(5)).toString());
        history.add(launched);

        List<ObjectNode> deliveries = exposed(scene.attackerKey);

        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        JsonNode swept = historyResponse(deliveries);
        assertThat(swept.path("status").asText()).as("%s", swept).isEqualTo("history_recorded");
        // Announced: the two functions and the instance (the tags RunInstances wrote are recorded, not announced).
        assertThat(swept.path("late").asInt()).as("%s", swept).isEqualTo(3);
        assertThat(swept.path("resources").toString()).contains(west.arn(), east.arn(), instance)
                .doesNotContain(old.arn());
        assertThat(scene.concurrency(west)).as("found only in us-west-2's history").isZero();
        assertThat(scene.concurrency(east)).as("found only in us-east-1's history").isZero();
        assertThat(FaultChecks.isolatedAndStopped(instances, instance)).as("found only in %s's history",
                InstanceScene.REGION).isTrue();
        assertThat(scene.concurrency(old)).as("created before the exposure window").isNull();
        assertThat(incidentsOf(old.arn())).isZero();
        assertThat(scene.concurrency(owners)).as("the owner's function").isNull();
        assertThat(history.lookups()).contains(MiningScene.WEST + " AccessKeyId=" + scene.attackerKey,
                InstanceScene.REGION + " AccessKeyId=" + scene.attackerKey);
        assertThat(FaultChecks.duplicates(emulator)).isZero();

        // The same containment announced again: its history holds nothing new, and nothing changes.
        ObjectNode contained = InstanceScene.contained(scene.attackerKey);
        ((ObjectNode) contained.path("detail")).put("windowStart", now.minus(Duration.ofHours(1)).toString());
        List<ObjectNode> again = emulator.deliver(contained);

        JsonNode second = historyResponse(again);
        assertThat(second.path("status").asText()).as("%s", second).isEqualTo("nothing_new");
        assertThat(second.path("found").asInt()).isEqualTo(swept.path("found").asInt());
        assertThat(second.path("new").asInt()).isZero();
        assertThat(FaultChecks.duplicates(emulator)).isZero();
        assertThat(incidentsOf(west.arn())).isOne();
    }

    @Test
    void recordDeliveredAndInTheHistory_isContainedOnce_whicheverComesFirst() {
        scene();
        Deployed delivered = unrecorded(MiningScene.WEST, "xmrig-delivered", "xmrig-exec");
        Deployed late = unrecorded(MiningScene.EAST, "xmrig-late", "xmrig-exec-east");
        ObjectNode deliveredRecord = created(delivered, Duration.ofMinutes(15));
        ObjectNode lateRecord = created(late, Duration.ofMinutes(2));
        emulator.deliver(deliveredRecord);
        history.add(deliveredRecord);
        history.add(lateRecord);

        List<ObjectNode> deliveries = exposed(scene.attackerKey);
        // The event CloudTrail delivers minutes late, after the history already took the same record in.
        List<ObjectNode> afterwards = emulator.deliver(lateRecord);

        JsonNode swept = historyResponse(deliveries);
        assertThat(swept.path("late").asInt()).as("the delivered record is the sweep's, not the history's").isOne();
        assertThat(swept.path("resources").toString()).contains(late.arn()).doesNotContain(delivered.arn());
        assertThat(scene.concurrency(delivered)).isZero();
        assertThat(scene.concurrency(late)).isZero();
        assertThat(incidentsOf(delivered.arn())).isOne();
        assertThat(incidentsOf(late.arn())).isOne();
        assertThat(afterwards.get(0).at("/response/late").asInt()).isOne();
        assertThat(afterwards).extracting(d -> d.path("function").asText()).contains("QuarantineFunction");
        assertThat(FaultChecks.duplicates(emulator)).isZero();
    }

    @Test
    void regionWhoseHistoryFailsOnce_isReadAgainInTheSameDelivery_andWhatItHoldsIsContained() {
        scene();
        Deployed late = unrecorded(MiningScene.EAST, "xmrig-only-in-history", "xmrig-exec-east");
        history.add(created(late, Duration.ofMinutes(2)));
        // More failures in a row than the SDK's own attempts: the region's first read fails after its retries.
        history.failNext(MiningScene.EAST, 3);

        List<ObjectNode> deliveries = exposed(scene.attackerKey);

        JsonNode swept = historyResponse(deliveries);
        assertThat(deliveries).as("no delivery failed, so none is retried by Lambda").noneMatch(d -> d.has("error"));
        assertThat(swept.path("resources").toString()).contains(late.arn());
        assertThat(scene.concurrency(late)).isZero();
        assertThat(history.lookups()).filteredOn(l -> l.startsWith(MiningScene.EAST + " failed")).hasSize(3);
        assertThat(history.lookups()).filteredOn(l -> l.startsWith(MiningScene.EAST + " AccessKeyId")).isNotEmpty();
    }

    @Test
    void endpointWithoutLookupEvents_saysSo_andContainmentGoesOn() {
        wiremock.resetAll();
        history = CloudTrailHistory.start(URI_UNSET);
        // No stand-in: moto answers LookupEvents with an error page, as ./tourniquet replay meets it.
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(), UnaryOperator.identity(),
                List.of(MiningScene.codeFromWireMock(wiremock)));
        scene = new MiningScene(emulator, wiremock);

        List<ObjectNode> deliveries = exposed(scene.attackerKey);

        JsonNode swept = historyResponse(deliveries);
        assertThat(swept.path("status").asText()).as("%s", swept).isEqualTo("history_unavailable");
        assertThat(swept.path("reason").asText()).contains("does not serve CloudTrail LookupEvents");
        assertThat(deliveries).noneMatch(d -> d.has("error"));
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
    }
}
