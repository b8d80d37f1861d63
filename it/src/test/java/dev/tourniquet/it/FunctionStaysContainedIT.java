package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.StatusType;

/** A quarantined function given its concurrency back by another identity: cut to 0 again, that identity contained. */
class FunctionStaysContainedIT extends QuarantineFunctionScenario {

    private String backdoorKey() {
        IamClient iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("ops-backdoor"));
        return iam.createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
    }

    private Deployed quarantined() {
        Deployed f = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        deliver(MiningScene.finding(f));
        assertThat(scene.concurrency(f)).isZero();
        return f;
    }

    @Test
    void concurrencyGivenBack_isZeroAgain_andItsAuthorContained() {
        scene(Mode.ENFORCE, List.of());
        Deployed f = quarantined();
        String key = backdoorKey();
        scene.lambda(f.region()).putFunctionConcurrency(r -> r.functionName(f.name()).reservedConcurrentExecutions(100));
        ObjectNode restored = Undo.byUser(Undo.of("cloudtrail-lambda-put-function-concurrency.json", f.region()),
                "ops-backdoor", key);
        Undo.request(restored).put("functionName", f.name());

        List<ObjectNode> deliveries = deliver(restored);

        assertThat(scene.concurrency(f)).as("cut again: %s", deliveries).isZero();
        assertThat(deliveries.get(0).at("/response/incidents/0/steps/0/step").asText())
                .isEqualTo("set-reserved-concurrency-zero");
        assertThat(scene.keyStatus("ops-backdoor", key)).as("the author contained").isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void concurrencyRemovedByTourniquetRelease_isLeftAsReleased() {
        scene(Mode.ENFORCE, List.of());
        Deployed f = quarantined();
        String incidentId = incidentOf(emulator.deliveries(), f).path("incidentId").asText();
        String key = backdoorKey();

        Releases.release(emulator, incidentId);
        ObjectNode deleted = Undo.byUser(Undo.of("cloudtrail-lambda-delete-function-concurrency.json", f.region()),
                "ops-backdoor", key);
        Undo.request(deleted).put("functionName", f.arn());
        List<ObjectNode> deliveries = deliver(deleted);

        assertThat(scene.concurrency(f)).as("released").isNull();
        assertThat(deliveries).singleElement().satisfies(d ->
                assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
        assertThat(scene.keyStatus("ops-backdoor", key)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void functionPutBackOnTheOwnersRule_isCutAgain_theOwnersTargetKept() {
        scene(Mode.ENFORCE, List.of());
        Deployed f = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.sharedRule(f, "arn:aws:sqs:" + MiningScene.WEST + ":" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID
                + ":nightly-jobs");
        deliver(MiningScene.finding(f));
        assertThat(scene.sharedRuleTargets(f)).containsOnlyKeys("owner-queue");
        String key = backdoorKey();
        emulator.admin().client("events", f.region(), software.amazon.awssdk.services.eventbridge.EventBridgeClient::builder)
                .putTargets(r -> r.rule("nightly-jobs").targets(t -> t.id("miner").arn(f.arn())));
        ObjectNode putBack = Undo.byUser(Undo.of("cloudtrail-events-put-targets.json", f.region()), "ops-backdoor", key);
        ((ObjectNode) Undo.request(putBack).path("targets").get(0)).put("arn", f.arn());

        deliver(putBack);

        assertThat(scene.sharedRuleTargets(f)).as("cut again").containsOnlyKeys("owner-queue");
        assertThat(scene.sharedRuleState(f)).isEqualTo(software.amazon.awssdk.services.eventbridge.model.RuleState.ENABLED);
        assertThat(scene.keyStatus("ops-backdoor", key)).as("the author contained").isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void itsOwnScheduleRuleEnabledAgain_isDisabledAgain_andItsAuthorContained() {
        scene(Mode.ENFORCE, List.of());
        Deployed f = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.everyThreeMinutes(f);
        deliver(MiningScene.finding(f));
        assertThat(scene.ruleState(f)).isEqualTo(software.amazon.awssdk.services.eventbridge.model.RuleState.DISABLED);
        String key = backdoorKey();
        emulator.admin().client("events", f.region(), software.amazon.awssdk.services.eventbridge.EventBridgeClient::builder)
                .enableRule(r -> r.name(f.name() + "-every-3-minutes"));
        ObjectNode enabled = Undo.byUser(Undo.of("cloudtrail-events-enable-rule.json", f.region()), "ops-backdoor", key);
        Undo.request(enabled).put("name", f.name() + "-every-3-minutes");

        deliver(enabled);

        assertThat(scene.ruleState(f)).as("disabled again")
                .isEqualTo(software.amazon.awssdk.services.eventbridge.model.RuleState.DISABLED);
        assertThat(scene.keyStatus("ops-backdoor", key)).as("the author contained").isEqualTo(StatusType.INACTIVE);
    }
}
