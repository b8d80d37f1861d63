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
 * The function quarantine end to end on moto server, across us-east-1 and us-west-2, through the rules of
 * template.yaml: a GuardDuty finding on one miner contains it, names its creator, the credential function
 * contains the key, and the sweep quarantines every other function the key created. WireMock serves what
 * moto cannot: code packages behind {@code Code.Location}, and CloudTrail LookupEvents.
 */
class QuarantineFunctionIT {
    static final String FUNCTION = "QuarantineFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static WireMockServer wiremock;

    private Emulator emulator;
    private MiningScene scene;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMockAndCheckLeastPrivilege() {
        wiremock.stop();
        assertThat(PERFORMED).contains("lambda:PutFunctionConcurrency", "lambda:UpdateEventSourceMapping",
                "lambda:RemovePermission", "lambda:UpdateFunctionUrlConfig", "events:DisableRule",
                "scheduler:UpdateSchedule", "iam:PutRolePolicy", "lambda:TagResource", "events:PutEvents",
                "cloudtrail:LookupEvents", "dynamodb:Query", "s3:PutObject");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    private void scene(Mode mode, List<String> exempt) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(mode, exempt, c -> c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl())),
                List.of(MiningScene.codeFromWireMock(wiremock)));
        scene = new MiningScene(emulator, wiremock);
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        return deliveries;
    }

    /** The incidents the quarantine function answered, in delivery order. */
    private static List<JsonNode> quarantineIncidents(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText()))
                .flatMap(d -> java.util.stream.StreamSupport.stream(d.path("response").path("incidents").spliterator(),
                        false)).toList();
    }

    private static JsonNode incidentOf(List<ObjectNode> deliveries, Deployed f) {
        return quarantineIncidents(deliveries).stream().filter(i -> f.arn().equals(i.path("subject").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no incident for " + f.name()));
    }

    private static JsonNode step(JsonNode incident, String id) {
        for (JsonNode step : incident.path("steps")) {
            if (id.equals(step.path("step").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + incident);
    }

    @Test
    void cloudTrailRecord_arrivingAfterItsKeyWasContained_quarantinesTheFunctionAtOnce() {
        scene(Mode.ENFORCE, List.of());
        Deployed late = scene.deploy(MiningScene.EAST, "xmrig-late", "xmrig-exec-east", "deploy-bot",
                scene.attackerKey, false);
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", scene.attackerKey);
        deliver(exposed);
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.concurrency(late)).as("the sweep knew nothing of it yet").isNull();

        List<ObjectNode> deliveries = deliver(MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", late));

        assertThat(scene.concurrency(late)).isZero();
        JsonNode incident = incidentOf(deliveries, late);
        assertThat(step(incident, "set-reserved-concurrency-zero").path("result").asText()).isEqualTo("applied");
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
        assertThat(emulator.recorder(FUNCTION).calls()).as("no Lambda call in the first miner's region again")
                .noneMatch(call -> MiningScene.WEST.equals(call.region())
                        && call.actions().stream().anyMatch(action -> action.startsWith("lambda:")));
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

    @Test
    void planMode_recordsWhatWouldBeDoneAndChangesNothing() {
        scene(Mode.PLAN, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-2", "xmrig-exec");
        scene.publicUrlAndCrossAccountPermission(miner);
        scene.everyThreeMinutes(miner);
        emulator.recorder().clear();

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        JsonNode incident = incidentOf(deliveries, miner);
        assertThat(incident.path("steps").findValuesAsText("result")).containsOnly("planned", "skipped");
        assertThat(step(incident, "set-reserved-concurrency-zero").path("result").asText()).isEqualTo("planned");
        assertThat(step(incident, "disable-schedules-targeting-function").path("result").asText()).isEqualTo("planned");
        assertThat(step(incident, "emit-credential-compromised").path("result").asText()).isEqualTo("planned");
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(scene.urlAuth(miner)).isEqualTo(FunctionUrlAuthType.NONE);
        assertThat(scene.statementIds(miner)).containsExactlyInAnyOrder("public-url", "partner-invoke", "own-s3-trigger");
        assertThat(scene.ruleState(miner)).isEqualTo(RuleState.ENABLED);
        assertThat(scene.scheduleState(miner)).isEqualTo(ScheduleState.ENABLED);
        assertThat(scene.tags(miner)).doesNotContainKey("tourniquet:incident");
        assertThat(scene.rolePolicies("xmrig-exec")).isEmpty();
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.recorder().actions()).doesNotContain("lambda:PutFunctionConcurrency",
                "lambda:RemovePermission", "lambda:UpdateFunctionUrlConfig", "events:DisableRule",
                "scheduler:UpdateSchedule", "iam:PutRolePolicy", "lambda:TagResource", "events:PutEvents");
        assertThat(emulator.account().takeAlerts()).singleElement().asString()
                .contains("(mode: plan)", "would set reserved concurrency of xmrig-worker-2 to 0", "Nothing to undo");
    }

    @Test
    void exemptTag_onTheFunction_changesNothing() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "gpu-benchmark", "xmrig-exec");
        scene.lambda(miner.region()).tagResource(r -> r.resource(miner.arn())
                .tags(Map.of("tourniquet:exempt", "load test by the platform team")));
        emulator.recorder().clear();

        JsonNode incident = incidentOf(deliver(MiningScene.finding(miner)), miner);

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("tourniquet:exempt");
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.recorder().actions()).doesNotContain("lambda:PutFunctionConcurrency", "events:PutEvents");
    }

    @Test
    void tourniquetsOwnFunction_isNeverTouched() {
        scene(Mode.ENFORCE, List.of());
        Deployed own = scene.attacker(MiningScene.WEST, "tourniquet-quarantine-function", "xmrig-exec");

        JsonNode incident = incidentOf(deliver(MiningScene.finding(own)), own);

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(scene.concurrency(own)).isNull();
    }

    @Test
    void finding_onAFunctionThatNoLongerExists_endsAsResourceGone() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.lambda(miner.region()).deleteFunction(r -> r.functionName(miner.name()));

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        assertThat(quarantineIncidents(deliveries)).singleElement()
                .satisfies(i -> assertThat(i.path("decision").asText()).isEqualTo("resource_gone"));
        assertThat(deliveries).noneMatch(d -> d.has("error"));
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void finding_withoutProvenance_namesTheCreatorFoundByCloudTrailLookupEvents() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-9", "xmrig-exec", "deploy-bot",
                scene.attackerKey, false);
        CloudTrailStub.events(wiremock, miner.name(),
                MiningScene.cloudTrail("cloudtrail-lambda-create-function.json", miner));

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        JsonNode emit = step(incidentOf(deliveries, miner), "emit-credential-compromised");
        assertThat(emit.path("result").asText()).isEqualTo("applied");
        assertThat(emit.path("target").asText()).isEqualTo("creator of xmrig-worker-9");
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        wiremock.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(CloudTrailStub.TARGET))
                .withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeKey", equalTo("ResourceName")))
                .withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(miner.name()))));
    }

    @Test
    void finding_withNoRecordAnywhere_quarantinesButNamesNoOne() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.deploy(MiningScene.WEST, "xmrig-worker-9", "xmrig-exec", "deploy-bot",
                scene.attackerKey, false);

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        JsonNode emit = step(incidentOf(deliveries, miner), "emit-credential-compromised");
        assertThat(emit.path("result").asText()).isEqualTo("skipped");
        assertThat(emit.path("detail").asText()).contains("unknown");
        assertThat(scene.concurrency(miner)).isZero();
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void release_fromTheRecordedPriorStates_putsEveryChangeBack() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.sqsTrigger(miner);
        scene.publicUrlAndCrossAccountPermission(miner);
        scene.everyThreeMinutes(miner);
        JsonNode incident = incidentOf(deliver(MiningScene.finding(miner)), miner);
        assertThat(scene.concurrency(miner)).isZero();

        List<String> released = Releases.release(emulator, incident.path("incidentId").asText());

        assertThat(released).hasSize(8);
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(scene.mappingStates(miner)).containsOnly("Enabled");
        assertThat(scene.urlAuth(miner)).isEqualTo(FunctionUrlAuthType.NONE);
        assertThat(scene.statementIds(miner)).containsExactlyInAnyOrder("public-url", "partner-invoke", "own-s3-trigger");
        assertThat(scene.ruleState(miner)).isEqualTo(RuleState.ENABLED);
        assertThat(scene.scheduleState(miner)).isEqualTo(ScheduleState.ENABLED);
        assertThat(scene.tags(miner)).doesNotContainKey("tourniquet:incident");
        assertThat(scene.rolePolicies("xmrig-exec")).isEmpty();
    }
}
