package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.records.IncidentStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The function quarantine's chain end to end on moto server: a GuardDuty finding on one miner contains it,
 * names its creator, the credential function contains the key, and the sweep quarantines every other function
 * the key created, once, however often findings and sweeps are delivered.
 */
class QuarantineFunctionIT extends QuarantineFunctionScenario {

    @Test
    void cloudTrailRecord_arrivingAfterItsKeyWasContained_quarantinesTheFunctionAtOnce() {
        scene(Mode.ENFORCE, List.of());
        Deployed late = scene.deploy(MiningScene.EAST, "xmrig-late", "xmrig-exec-east", "deploy-bot",
                scene.attackerKey, false);
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", scene.attackerKey);
        deliver(exposed);
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        // The sweep knew nothing of it yet: held at once by the exposure hold (its one stopping call).
        assertThat(scene.concurrency(late)).as("held provisionally").isZero();
        assertThat(scene.tags(late)).doesNotContainKey("tourniquet:incident");

        List<ObjectNode> deliveries = deliver(MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", late));

        assertThat(scene.concurrency(late)).isZero();
        assertThat(scene.tags(late)).as("contained in full by its late record").containsKey("tourniquet:incident");
        JsonNode incident = incidentOf(deliveries, late);
        assertThat(step(incident, "set-reserved-concurrency-zero").path("result").asText())
                .as("stopped already by the hold").isEqualTo("already_applied");
        assertThat(incident.path("steps").findValuesAsText("step")).doesNotContain("emit-credential-compromised");
    }

    @Test
    void finding_onOneMiner_quarantinesItContainsTheKeyAndSweepsEveryMinerInBothRegions() {
        scene(Mode.ENFORCE, List.of());
        Deployed sqsMiner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.sqsTrigger(sqsMiner);
        Deployed urlMiner = scene.attacker(MiningScene.WEST, "xmrig-worker-2", "shared-exec");
        scene.publicUrlAndCrossAccountPermission(urlMiner);
        Deployed loopMiner = scene.attacker(MiningScene.EAST, "xmrig-worker-3", "xmrig-exec-east");
        scene.everyThreeMinutes(loopMiner);
        Deployed billing = scene.owner(MiningScene.WEST, "billing-api", "shared-exec");
        Deployed reports = scene.owner(MiningScene.EAST, "reports-api", "reports-exec");
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = deliver(MiningScene.finding(sqsMiner));

        JsonNode first = incidentOf(deliveries, sqsMiner);
        assertThat(first.path("steps").findValuesAsText("step")).containsExactly("set-reserved-concurrency-zero",
                "collect-function-evidence", "disable-event-source-mappings", "remove-public-invoke-permissions",
                "lock-down-function-url", "disable-rules-targeting-function", "disable-schedules-targeting-function",
                "revoke-role-sessions", "tag-function", "emit-credential-compromised");
        assertThat(step(first, "emit-credential-compromised").path("result").asText()).isEqualTo("applied");
        assertThat(scene.concurrency(sqsMiner)).isZero();
        assertThat(scene.mappingStates(sqsMiner)).containsOnly("Disabled");
        EvidenceCheck evidence = new EvidenceCheck(emulator, first.path("incidentId").asText())
                .assertLockedAndHashed(Set.of("function/code.zip", "function/configuration.json", "function/policies.json",
                        "function/event-source-mappings.json", "function/url-configs.json", "function/aliases.json",
                        "function/versions.json", "function/tags.json", "event.json", "prior-state.json"));
        assertThat(evidence.object("function/code.zip")).isEqualTo(sqsMiner.code());
        assertThat(evidence.json("function/configuration.json").at("/Configuration/Role").asText())
                .isEqualTo(sqsMiner.role());
        assertThat(evidence.json("function/configuration.json").at("/Code/Location").asText())
                .doesNotContain("X-Amz-Signature");
        assertThat(evidence.json("function/event-source-mappings.json").findValuesAsText("State")).containsOnly("Enabled");
        assertThat(step(first, "collect-function-evidence").path("prior").path("codePackageMatchesCodeSha256").asBoolean())
                .isTrue();

        assertThat(deliveries).anySatisfy(d -> assertThat(d.path("function").asText() + "/" + d.path("detailType").asText())
                .isEqualTo("ContainCredentialFunction/Credential Compromised"));
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(deliveries).anySatisfy(d -> assertThat(d.path("function").asText() + "/" + d.path("detailType").asText())
                .isEqualTo(FUNCTION + "/Credential Contained"));

        for (Deployed miner : List.of(sqsMiner, urlMiner, loopMiner)) {
            assertThat(scene.concurrency(miner)).as(miner.name()).isZero();
            assertThat(scene.tags(miner)).as(miner.name()).containsKey("tourniquet:incident");
        }
        assertThat(scene.urlAuth(urlMiner)).isEqualTo(FunctionUrlAuthType.AWS_IAM);
        assertThat(scene.statementIds(urlMiner)).containsExactly("own-s3-trigger");
        assertThat(scene.ruleState(loopMiner)).isEqualTo(RuleState.DISABLED);
        assertThat(scene.scheduleState(loopMiner)).isEqualTo(ScheduleState.DISABLED);
        assertThat(scene.rolePolicies("xmrig-exec")).contains("TourniquetRevokeOlderSessions");
        assertThat(scene.rolePolicies("xmrig-exec-east")).contains("TourniquetRevokeOlderSessions");
        assertThat(scene.rolePolicies("shared-exec")).as("shared with billing-api").isEmpty();
        assertThat(step(incidentOf(deliveries, urlMiner), "revoke-role-sessions").path("detail").asText())
                .contains("billing-api");
        assertThat(incidentOf(deliveries, loopMiner).path("steps").findValuesAsText("step"))
                .as("a swept function names no further credential").doesNotContain("emit-credential-compromised");

        for (Deployed innocent : List.of(billing, reports)) {
            assertThat(scene.concurrency(innocent)).as(innocent.name()).isNull();
            assertThat(scene.tags(innocent)).as(innocent.name()).doesNotContainKey("tourniquet:incident");
        }
        assertThat(scene.keyStatus("owner", scene.ownerKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(quarantineIncidents(deliveries)).extracting(i -> i.path("subject").asText())
                .doesNotContain(billing.arn(), reports.arn());
    }

    @Test
    void sameFinding_deliveredTwice_actsOnce() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.sqsTrigger(miner);
        ObjectNode finding = MiningScene.finding(miner);
        deliver(finding);
        emulator.account().takeAlerts();
        emulator.recorder().clear();

        List<ObjectNode> again = deliver(finding);

        assertThat(quarantineIncidents(again)).singleElement()
                .satisfies(i -> assertThat(i.path("claim").asText()).isEqualTo("duplicate"));
        assertThat(again).noneMatch(d -> "ContainCredentialFunction".equals(d.path("function").asText()));
        assertThat(emulator.recorder().actions()).doesNotContain("lambda:PutFunctionConcurrency",
                "lambda:UpdateEventSourceMapping", "lambda:TagResource", "events:PutEvents", "iam:UpdateAccessKey",
                "s3:PutObject", "sns:Publish");
        assertThat(emulator.account().takeAlerts()).isEmpty();
    }

    @Test
    void sweep_deliveredTwice_actsOnce() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.EAST, "xmrig-worker-3", "xmrig-exec-east");
        scene.everyThreeMinutes(miner);
        ObjectNode contained = Emulator.sample("tourniquet-credential-contained.json");
        ((ObjectNode) contained.path("detail")).put("accessKeyId", scene.attackerKey);
        JsonNode first = incidentOf(deliver(contained), miner);
        emulator.recorder().clear();

        List<ObjectNode> again = deliver(contained);

        assertThat(step(first, "disable-schedules-targeting-function").path("result").asText()).isEqualTo("applied");
        assertThat(quarantineIncidents(again)).singleElement()
                .satisfies(i -> assertThat(i.path("claim").asText()).isEqualTo("duplicate"));
        assertThat(emulator.recorder().actions()).doesNotContain("lambda:PutFunctionConcurrency", "events:DisableRule",
                "scheduler:UpdateSchedule", "lambda:TagResource");
    }

    @Test
    void findingOnAnotherMiner_ofAnAlreadyContainedKey_quarantinesItWithoutRequarantiningEveryMiner() {
        scene(Mode.ENFORCE, List.of());
        Deployed first = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        Deployed second = scene.attacker(MiningScene.EAST, "xmrig-worker-3", "xmrig-exec-east");
        deliver(MiningScene.finding(first));
        assertThat(scene.concurrency(second)).as("swept").isZero();
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = deliver(MiningScene.finding(second));

        assertThat(quarantineIncidents(deliveries.stream().filter(d -> "GuardDuty Finding".equals(
                d.path("detailType").asText())).toList())).singleElement().satisfies(i -> {
                    assertThat(i.path("subject").asText()).isEqualTo(second.arn());
                    assertThat(i.path("claim").asText()).isEqualTo("new");
                });
        List<JsonNode> swept = sweptIncidents(deliveries);
        assertThat(swept).extracting(i -> i.path("subject").asText()).containsExactlyInAnyOrder(first.arn(),
                second.arn());
        assertThat(swept).extracting(i -> i.path("claim").asText()).containsOnly("duplicate");
        // Only the creator bound's one page of shapes (ListFunctions) is read there again: no quarantine call.
        assertThat(emulator.recorder(FUNCTION).calls()).as("no Lambda call in the first miner's region again")
                .noneMatch(call -> MiningScene.WEST.equals(call.region()) && call.actions().stream()
                        .anyMatch(action -> action.startsWith("lambda:") && !action.equals("lambda:ListFunctions")));
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void laterSweepOfTheSameContainment_resumesAFunctionTheFirstSweepDidNotComplete() {
        scene(Mode.ENFORCE, List.of());
        Deployed first = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        Deployed missed = scene.attacker(MiningScene.WEST, "xmrig-worker-2", "xmrig-exec");
        Deployed second = scene.attacker(MiningScene.EAST, "xmrig-worker-3", "xmrig-exec-east");
        String missedIncident = sweptIncidents(deliver(MiningScene.finding(first))).stream()
                .filter(i -> missed.arn().equals(i.path("subject").asText())).findFirst().orElseThrow()
                .path("incidentId").asText();
        // As if its quarantine had failed for good: the incident FAILED, the function running again.
        emulator.admin().dynamoDb().updateItem(r -> r.tableName(emulator.configuration().tableName())
                .key(IncidentStore.incidentKey(missedIncident))
                .updateExpression("SET #status = :failed").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":failed", AttributeValue.fromS("FAILED"))));
        scene.lambda(missed.region()).deleteFunctionConcurrency(r -> r.functionName(missed.name()));

        List<ObjectNode> deliveries = deliver(MiningScene.finding(second));

        assertThat(sweptIncidents(deliveries)).filteredOn(i -> missed.arn().equals(i.path("subject").asText()))
                .singleElement().satisfies(i -> {
                    assertThat(i.path("incidentId").asText()).isEqualTo(missedIncident);
                    assertThat(i.path("claim").asText()).isEqualTo("resumed");
                });
        assertThat(scene.concurrency(missed)).isZero();
    }

    /** The incidents of the quarantine function's sweeps ("Credential Contained" deliveries). */
    private static List<JsonNode> sweptIncidents(List<ObjectNode> deliveries) {
        return quarantineIncidents(deliveries.stream().filter(d -> "Credential Contained".equals(
                d.path("detailType").asText())).toList());
    }
}
