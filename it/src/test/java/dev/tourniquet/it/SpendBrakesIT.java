package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.signal.ChainEvents;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The cost and usage brakes end to end on moto server, with CloudTrail's event history served by
 * {@link CloudTrailHistory} (moto has no {@code LookupEvents}): a Cost Anomaly Detection anomaly or a usage alarm naming
 * Lambda in a region outside {@code AllowedRegions}, where only the history knows that a stolen key created a miner
 * there, announces the function ({@code Resource Outside Footprint}) and its caller ({@code Credential Compromised}, which
 * contain-credential contains); the same brake inside the footprint announces nothing; an alarm going back to OK
 * reaches nothing.
 */
class SpendBrakesIT {
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static final WireMockServer WIREMOCK = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private Account account;

    /** One test's account: its CloudTrail history stand-in, the emulator behind it, the mining scene in it. */
    private record Account(CloudTrailHistory history, Emulator emulator, MiningScene scene) {
    }

    @BeforeAll
    static void start() {
        WIREMOCK.start();
    }

    @AfterAll
    static void stop_andCheckLeastPrivilege() {
        WIREMOCK.stop();
        assertThat(PERFORMED).contains("cloudtrail:LookupEvents", "events:PutEvents", "sns:Publish");
        assertThat(Emulator.leastPrivilege(HistorySweepIT.INTAKE).notGranted(PERFORMED)).isEmpty();
    }

    @AfterEach
    void close() {
        PERFORMED.addAll(account.emulator().recorder(HistorySweepIT.INTAKE).actions());
        account.history().close();
    }

    /** A fresh account whose footprint allows {@code allowed} only, its CloudTrail history served by the stand-in. */
    private void scene(String allowed) {
        scene(allowed, List.of());
    }

    private void scene(String allowed, List<String> exempt) {
        WIREMOCK.resetAll();
        CloudTrailHistory history = CloudTrailHistory.start(URI.create("http://127.0.0.1:1"));
        Emulator emulator = Emulator.fresh(Mode.ENFORCE, exempt, c -> withFootprint(c.withServiceEndpoint(
                "cloudtrail", history.endpoint()), allowed), List.of(MiningScene.codeFromWireMock(WIREMOCK)));
        history.forwardTo(emulator.configuration().endpoint().orElseThrow());
        account = new Account(history, emulator, new MiningScene(emulator, WIREMOCK));
    }

    /** The footprint {@code AllowedRegions=allowed}; the exposure hold off (moto dates every function now). */
    static dev.tourniquet.internal.Configuration withFootprint(dev.tourniquet.internal.Configuration c, String allowed) {
        return c.toBuilder().exposureHold(false).footprint(Footprint.parse(allowed, "", "", "")).build();
    }

    /** A miner the stolen key created in us-west-2 ten minutes ago: no rule delivered its record, the history has it. */
    static Deployed minerOnlyInTheHistory(MiningScene scene, CloudTrailHistory history, Instant now) {
        Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-brake-west", "xmrig-exec", "deploy-bot",
                scene.attackerKey, false);
        history.add(HistorySweepIT.created(miner, now.minus(Duration.ofMinutes(10))));
        return miner;
    }

    /** Cost Anomaly Detection's anomaly of today, its one root cause Lambda in us-west-2. */
    static ObjectNode anomaly(Instant now) {
        ObjectNode event = Emulator.sample("ce-anomaly-detected.json");
        event.put("id", UUID.randomUUID().toString()).put("time", now.toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("anomalyStartDate", now.truncatedTo(ChronoUnit.DAYS).toString())
                .put("anomalyId", UUID.randomUUID().toString());
        ((ArrayNode) detail.path("rootCauses")).remove(1);
        return event;
    }

    /** The Lambda concurrency alarm of us-west-2 going into ALARM now. */
    static ObjectNode alarm(String sample, Instant now) {
        return Emulator.sample(sample).put("id", UUID.randomUUID().toString()).put("time", now.toString());
    }

    private static JsonNode brakeResponse(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("function").asText().equals(HistorySweepIT.INTAKE)
                && Set.of("CostAnomaly", "UsageAlarm").contains(d.path("rule").asText()))
                .findFirst().orElseThrow().path("response");
    }

    private static long chainEvents(List<ObjectNode> deliveries, String detailType) {
        return deliveries.stream().filter(d -> d.path("detailType").asText().equals(detailType))
                .map(d -> d.path("event").asText()).distinct().count();
    }

    @Test
    void anomalyNamingLambdaOutsideTheFootprint_announcesTheMinerAndItsCaller_whoIsContained_notTheExemptOwners() {
        scene("us-east-1", List.of("arn:aws:iam::" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID + ":user/owner"));
        Deployed miner = minerOnlyInTheHistory(account.scene(), account.history(), now);
        Deployed owners = account.scene().deploy(MiningScene.WEST, "owner-batch-west", "shared-exec", "owner",
                account.scene().ownerKey, false);
        account.history().add(HistorySweepIT.created(owners, now.minus(Duration.ofMinutes(30))));

        List<ObjectNode> deliveries = account.emulator().deliver(anomaly(now));

        JsonNode checked = brakeResponse(deliveries);
        assertThat(checked.path("status").asText()).as("%s", checked).isEqualTo("outside_footprint");
        assertThat(checked.path("breaches").toString()).contains(miner.arn(), "AllowedRegions")
                .doesNotContain(owners.arn());
        assertThat(checked.path("records").asInt()).isEqualTo(2);
        assertThat(account.history().lookups()).contains(MiningScene.WEST + " EventName=CreateFunction20150331",
                MiningScene.WEST + " EventName=UpdateFunctionConfiguration20150331v2");
        assertThat(chainEvents(deliveries, ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT)).isOne();
        assertThat(chainEvents(deliveries, ChainEvents.CREDENTIAL_COMPROMISED)).isOne();
        assertThat(account.scene().keyStatus("deploy-bot", account.scene().attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(account.scene().keyStatus("owner", account.scene().ownerKey)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void anomalyInsideTheFootprint_announcesNothing() {
        scene("us-east-1,us-west-2");
        minerOnlyInTheHistory(account.scene(), account.history(), now);

        List<ObjectNode> deliveries = account.emulator().deliver(anomaly(now));

        JsonNode checked = brakeResponse(deliveries);
        assertThat(checked.path("status").asText()).as("%s", checked).isEqualTo("inside_footprint");
        assertThat(checked.path("records").asInt()).isOne();
        assertThat(chainEvents(deliveries, ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT)).isZero();
        assertThat(chainEvents(deliveries, ChainEvents.CREDENTIAL_COMPROMISED)).isZero();
        assertThat(account.scene().keyStatus("deploy-bot", account.scene().attackerKey)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void usageAlarmOfItsRegion_announcesTheMinerAndItsCaller_andBackToOk_reachesNothing() {
        scene("us-east-1");
        Deployed miner = minerOnlyInTheHistory(account.scene(), account.history(), now);
        // Made before the alarm's look-back (a day): not the alarm's business.
        Deployed old = account.scene().deploy(MiningScene.WEST, "xmrig-last-week", "xmrig-exec", "deploy-bot",
                account.scene().attackerKey, false);
        account.history().add(HistorySweepIT.created(old, now.minus(Duration.ofDays(3))));

        List<ObjectNode> ok = account.emulator().deliver(alarm("cloudwatch-alarm-lambda-concurrency-ok.json", now));
        List<ObjectNode> deliveries = account.emulator().deliver(alarm("cloudwatch-alarm-lambda-concurrency.json", now));

        assertThat(ok).singleElement().satisfies(d -> assertThat(d.path("result").asText()).isEqualTo("no rule matches"));
        JsonNode checked = brakeResponse(deliveries);
        assertThat(checked.path("status").asText()).as("%s", checked).isEqualTo("outside_footprint");
        assertThat(checked.path("breaches").toString()).contains(miner.arn()).doesNotContain(old.arn());
        assertThat(account.history().lookups()).allSatisfy(l -> assertThat(l).doesNotContain("EventName=RunInstances"))
                .contains(MiningScene.WEST + " EventName=CreateFunction20150331");
        assertThat(chainEvents(deliveries, ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT)).isOne();
        assertThat(account.scene().keyStatus("deploy-bot", account.scene().attackerKey)).isEqualTo(StatusType.INACTIVE);
    }
}
