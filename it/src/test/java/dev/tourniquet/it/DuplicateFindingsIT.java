package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * A mining function's GuardDuty finding delivered 100 times at once, its revisions delivered at once and out of
 * order, and the miner's CloudTrail record (CreateFunction) arriving before, during and after the finding:
 * whatever the order, the table holds one incident per resource and path (the finding's, the key's, the
 * sweep's), no incident applied a step twice, and AWS was changed exactly as by one delivery of each.
 * Deliveries that found their incident running failed as busy, and Lambda's retries of them find it done
 * ({@link Burst}).
 */
class DuplicateFindingsIT extends QuarantineFunctionScenario {
    private static final int DELIVERIES = 100;
    private static Aftermath once;

    private Deployed miner;
    private ObjectNode created;

    /** A fresh account: deploy-bot's miner, its re-install loop, and CloudTrail's record of its creation. */
    private void minerScene() {
        scene(Mode.ENFORCE, List.of());
        miner = scene.deploy(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec", "deploy-bot", scene.attackerKey, false);
        scene.everyThreeMinutes(miner);
        created = MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", miner);
        // CloudTrail's history has the record whenever Tourniquet's provenance does not (yet): the finding names
        // the creator in every order, so every order must end the same.
        CloudTrailStub.events(wiremock, miner.name(), created);
        emulator.recorder().clear();
    }

    /** The record once, then the finding once: what every test's many deliveries must come to. */
    private Aftermath once() {
        if (once == null) {
            deliver(findingAfterTheCreationRecord());
            once = aftermath();
            assertThat(once.incidents()).hasSize(3);
            assertThat(once.changes()).containsEntry("iam:UpdateAccessKey", 1)
                    .containsEntry("lambda:PutFunctionConcurrency", 1).containsEntry("iam:AttachUserPolicy", 1);
        }
        return once;
    }

    /** A fresh scene where the miner's creation record was delivered; returns a finding on the miner. */
    private ObjectNode findingAfterTheCreationRecord() {
        minerScene();
        deliver(created);
        return MiningScene.finding(miner);
    }

    @Test
    void finding_delivered100TimesAtOnce_afterTheCreationRecord_leavesWhatOneDeliveryLeaves() {
        Aftermath expected = once();
        ObjectNode finding = findingAfterTheCreationRecord();

        List<ObjectNode> busy = atOnce(Collections.nCopies(DELIVERIES, finding));

        assertThat(busy.size()).as("deliveries that found the incident running: they overlapped").isPositive();
        assertSameAs(expected);
    }

    @Test
    void revisions_deliveredAtOnceOutOfOrder_areOneIncident() {
        Aftermath expected = once();
        ObjectNode finding = findingAfterTheCreationRecord();
        Instant first = Instant.parse("2026-11-20T03:14:20.512Z");
        List<JsonNode> revisions = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            ObjectNode revision = finding.deepCopy().put("id", UUID.randomUUID().toString());
            ((ObjectNode) revision.path("detail")).put("updatedAt", first.plusSeconds(i).toString());
            revisions.add(revision);
        }
        Collections.shuffle(revisions, new Random(7));

        atOnce(revisions);

        assertSameAs(expected);
    }

    @Test
    void creationRecord_deliveredWithTheFindingAtOnce_leavesWhatOneDeliveryOfEachLeaves() {
        Aftermath expected = once();
        minerScene();
        ObjectNode finding = MiningScene.finding(miner);
        List<JsonNode> both = new ArrayList<>();
        for (int i = 0; i < DELIVERIES / 2; i++) {
            both.add(finding);
            both.add(created);
        }

        atOnce(both);

        assertSameAs(expected);
    }

    @Test
    void creationRecord_arrivingAfterTheFinding_containsWhatTheSweepCouldNotFindYet() {
        Aftermath expected = once();
        minerScene();
        atOnce(Collections.nCopies(DELIVERIES, MiningScene.finding(miner)));
        assertThat(Aftermath.of(emulator, emulator.recorder(), names()).incidents()).as("no sweep incident yet")
                .hasSize(2);

        deliver(created);
        deliver(created);

        assertSameAs(expected);
    }

    private List<ObjectNode> atOnce(List<? extends JsonNode> events) {
        List<ObjectNode> busy = Burst.deliver(emulator, events).assertNothingLost().busy();
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        return busy;
    }

    private void assertSameAs(Aftermath expected) {
        Aftermath aftermath = aftermath();
        assertThat(aftermath.incidents()).as("one incident per resource and path").allSatisfy((what, count) ->
                assertThat(count).as(what).isEqualTo(1));
        assertThat(aftermath.mostAppliedInOneIncident()).as("no step applied twice by one incident; applied %s, once %s",
                aftermath.applied(), expected.applied()).isEqualTo(1);
        assertThat(aftermath).isEqualTo(expected);
        assertThat(scene.concurrency(miner)).isZero();
        assertThat(scene.tags(miner)).containsKey("tourniquet:incident");
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
    }

    private Aftermath aftermath() {
        return Aftermath.of(emulator, emulator.recorder(), names());
    }

    // Ids differ between accounts; and the chain event names the same key whether the creator came from
    // provenance (target: the key) or from CloudTrail's history (target: "creator of" the function).
    private java.util.function.UnaryOperator<String> names() {
        String key = scene.attackerKey;
        String lookedUp = "creator of " + miner.name();
        return text -> text.replace(key, "KEY").replace(lookedUp, "KEY").replaceAll("inc-[0-9a-f]{20}", "inc");
    }
}
