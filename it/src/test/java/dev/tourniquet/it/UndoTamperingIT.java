package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tampering function end to end on moto server (GuardDuty through its stand-in), through the rules of
 * template.yaml: what a stolen key weakens is undone and the key contained through the credential function.
 */
class UndoTamperingIT {
    private static final String FUNCTION = "UndoTamperingFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static WireMockServer wiremock;

    @BeforeAll
    static void startStandIn() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        wiremock.stop();
        assertThat(PERFORMED).contains("cloudtrail:StartLogging", "guardduty:UpdateDetector", "events:PutTargets",
                "cloudtrail:DescribeTrails", "guardduty:ListDetectors", "guardduty:ListIPSets", "events:ListTargetsByRule",
                "lambda:PutFunctionConcurrency", "events:EnableRule", "events:PutEvents", "dynamodb:PutItem");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    private static List<ObjectNode> deliver(TamperScene scene, JsonNode event) {
        List<ObjectNode> deliveries = scene.emulator.deliver(event);
        PERFORMED.addAll(scene.emulator.recorder(FUNCTION).actions());
        return deliveries;
    }

    private static JsonNode incident(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText())).findFirst().orElseThrow()
                .path("response").path("incidents").get(0);
    }

    private static TamperScene scene(List<String> deployPrincipals) {
        TamperScene scene = TamperScene.fresh(wiremock, deployPrincipals);
        JsonNode baseline = scene.baseline();
        assertThat(baseline.path("failed")).as("baseline %s", baseline).isEmpty();
        PERFORMED.addAll(scene.emulator.recorder(FUNCTION).actions());
        return scene;
    }

    @Test
    void trailStoppedByAStolenKey_logsAgain_andTheKeyIsInactive() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-cloudtrail-stop-logging.json"));

        assertThat(scene.logging()).isTrue();
        assertThat(incident(deliveries).path("steps").findValuesAsText("step"))
                .containsExactly("start-trail-logging", "emit-credential-compromised");
        assertThat(deliveries).anySatisfy(d -> assertThat(d.path("detailType").asText()).isEqualTo("Credential Compromised"));
        assertThat(scene.attackerKeyInactive()).isTrue();
        assertThat(scene.emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains("start-trail-logging on", "applied", "aws cloudtrail stop-logging"));
    }

    @Test
    void disabledDetector_isEnabledAgain_withItsFeatures() {
        TamperScene scene = scene(List.of());
        scene.guardDuty().updateDetector(r -> r.detectorId(scene.detectorId).enable(false)
                .features(f -> f.name("S3_DATA_EVENTS").status("DISABLED")));

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-guardduty-update-detector-disable.json"));

        assertThat(scene.detectorStatus()).isEqualTo("ENABLED");
        assertThat(scene.guardDuty().getDetector(r -> r.detectorId(scene.detectorId)).features())
                .anySatisfy(f -> assertThat(f.statusAsString()).isEqualTo("ENABLED"));
        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.attackerKeyInactive()).isTrue();
    }

    @Test
    void ownRuleDisabled_isEnabledAgain() {
        TamperScene scene = scene(List.of());
        scene.events().disableRule(r -> r.name(TamperScene.OWN_RULE));

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-events-disable-rule-own.json"));

        assertThat(scene.ruleState()).isEqualTo("ENABLED");
        // Both rules watching rule changes deliver it: one incident acts, the other finds it a duplicate.
        assertThat(deliveries.stream().filter(d -> "UndoTamperingFunction".equals(d.path("function").asText())))
                .hasSize(2);
        assertThat(scene.attackerKeyInactive()).isTrue();
    }

    @Test
    void ownRuleTargetRemoved_orAnotherAdded_isPutBackAsRecorded() {
        TamperScene scene = scene(List.of());
        scene.events().removeTargets(r -> r.rule(TamperScene.OWN_RULE).ids(TamperScene.OWN_TARGET));
        scene.events().putTargets(r -> r.rule(TamperScene.OWN_RULE).targets(t -> t.id("siphon")
                .arn("arn:aws:lambda:us-east-1:" + TamperScene.ACCOUNT + ":function:xmrig-worker-1")));

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-events-remove-targets-own.json"));

        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.events().listTargetsByRule(r -> r.rule(TamperScene.OWN_RULE)).targets())
                .singleElement().satisfies(t -> assertThat(t.id()).isEqualTo(TamperScene.OWN_TARGET));
    }

    @Test
    void ownConcurrencyCut_isRestoredFromTheBaseline() {
        TamperScene scene = scene(List.of());
        scene.lambda().putFunctionConcurrency(r -> r.functionName(TamperScene.OWN_FUNCTION).reservedConcurrentExecutions(0));

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-lambda-put-function-concurrency-own.json"));

        assertThat(scene.concurrency()).isEqualTo(5);
        assertThat(incident(deliveries).path("steps").get(0).path("prior").path("reservedConcurrentExecutions").asInt())
                .isZero();
    }

    @Test
    void routineDeployByANamedDeployPrincipal_doesNothing() {
        TamperScene scene = scene(List.of(TamperScene.DEPLOY_ROLE));
        scene.lambda().putFunctionConcurrency(r -> r.functionName(TamperScene.OWN_FUNCTION).reservedConcurrentExecutions(2));
        ObjectNode deployer = Json.object().put("type", "AssumedRole").put("principalId", "AROAEXAMPLEDEPLOY:gha-1")
                .put("arn", "arn:aws:sts::" + TamperScene.ACCOUNT + ":assumed-role/github-deploy/gha-1")
                .put("accountId", TamperScene.ACCOUNT).put("accessKeyId", "ASIAEXAMPLEDEPLOY0001");
        ObjectNode event = scene.by("cloudtrail-lambda-put-function-concurrency-own.json", deployer);
        ((ObjectNode) event.at("/detail/requestParameters")).put("reservedConcurrentExecutions", 2);

        List<ObjectNode> deliveries = deliver(scene, event);

        // The quarantine function sees the same call (a concurrency given back) and finds nothing it holds.
        assertThat(deliveries).allSatisfy(d -> assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
        assertThat(deliveries).filteredOn(d -> "UndoTamperingFunction".equals(d.path("function").asText()))
                .singleElement().satisfies(d -> assertThat(d.at("/response/status").asText())
                .isEqualTo("nothing_to_do"));
        assertThat(scene.concurrency()).isEqualTo(2);
        assertThat(scene.emulator.account().takeAlerts()).isEmpty();
    }

    @Test
    void awsServiceCaller_isUndoneButNotContained() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));
        ObjectNode service = Json.object().put("type", "AWSService").put("invokedBy", "config.amazonaws.com");

        List<ObjectNode> deliveries = deliver(scene, scene.by("cloudtrail-cloudtrail-stop-logging.json", service));

        assertThat(scene.logging()).isTrue();
        assertThat(incident(deliveries).path("steps").findValuesAsText("step")).containsExactly("start-trail-logging");
        assertThat(incident(deliveries).path("rationale").asText()).contains("never contained");
        assertThat(deliveries).noneSatisfy(d -> assertThat(d.path("detailType").asText()).isEqualTo("Credential Compromised"));
        assertThat(scene.attackerKeyInactive()).isFalse();
    }

    @Test
    void trustedIpSet_isDeactivated() {
        TamperScene scene = scene(List.of());
        GuardDutyStandIn.activeIpSet(wiremock, scene.detectorId);

        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-guardduty-create-ip-set.json"));

        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.guardDuty().getIPSet(r -> r.detectorId(scene.detectorId).ipSetId(GuardDutyStandIn.IP_SET))
                .statusAsString()).isEqualTo("INACTIVE");
    }

    @Test
    void archiveFilter_stopsArchiving() {
        TamperScene scene = scene(List.of());
        scene.guardDuty().createFilter(r -> r.detectorId(scene.detectorId).name("quiet-iam").action("ARCHIVE")
                .findingCriteria(c -> c.criterion(java.util.Map.of("type", software.amazon.awssdk.services.guardduty.model
                        .Condition.builder().equalsValue("UnauthorizedAccess:IAMUser/MaliciousIPCaller").build()))));

        deliver(scene, scene.byAttacker("cloudtrail-guardduty-create-filter-archive.json"));

        assertThat(scene.guardDuty().getFilter(r -> r.detectorId(scene.detectorId).filterName("quiet-iam"))
                .actionAsString()).isEqualTo("NOOP");
    }

    /** The schedule also undoes what it finds weakened: the event that follows finds it done. */
    @Test
    void baseline_neverRecordsAWeakenedSensorOverAHealthyOne() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));
        scene.lambda().putFunctionConcurrency(r -> r.functionName(TamperScene.OWN_FUNCTION).reservedConcurrentExecutions(0));

        JsonNode second = scene.baseline();
        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-lambda-put-function-concurrency-own.json"));

        assertThat(second.path("keptHealthier").asInt()).isEqualTo(2);
        assertThat(scene.concurrency()).isEqualTo(5);
        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("already_applied");
    }

    /** Both rule watchers disabled at once, or the event lost: the schedule finds the weakening and undoes it. */
    @Test
    void weakeningWhoseEventNeverArrived_isUndoneByTheSchedule_withoutContainingAnyone() {
        TamperScene scene = scene(List.of());
        scene.events().disableRule(r -> r.name(TamperScene.OWN_RULE));
        scene.cloudTrail().stopLogging(r -> r.name(TamperScene.TRAIL));

        JsonNode run = scene.baseline();

        assertThat(run.path("drift").findValuesAsText("weakening")).containsExactlyInAnyOrder("OWN_RULE_DISABLED",
                "TRAIL_STOPPED");
        assertThat(run.path("incidents").findValuesAsText("decision")).containsOnly("act");
        assertThat(scene.ruleState()).isEqualTo("ENABLED");
        assertThat(scene.logging()).isTrue();
        assertThat(scene.attackerKeyInactive()).isFalse();
        assertThat(scene.emulator.account().takeAlerts()).anySatisfy(a -> assertThat(a).contains("scheduled baseline"));
    }

    @Test
    void eventSelectorsThatStopManagementEvents_areRestoredFromTheBaseline() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().putEventSelectors(r -> r.trailName(TamperScene.TRAIL).eventSelectors(e -> e
                .readWriteType("All").includeManagementEvents(false)));

        List<ObjectNode> deliveries = deliver(scene,
                scene.byAttacker("cloudtrail-cloudtrail-put-event-selectors-no-management.json"));

        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.cloudTrail().getEventSelectors(r -> r.trailName(TamperScene.TRAIL)).eventSelectors())
                .anySatisfy(s -> assertThat(s.includeManagementEvents()).isTrue());
    }

    @Test
    void insightsTurnedOff_areTurnedBackOn() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().putInsightSelectors(r -> r.trailName(TamperScene.TRAIL).insightSelectors(List.of()));

        deliver(scene, scene.byAttacker("cloudtrail-cloudtrail-put-insight-selectors-empty.json"));

        assertThat(scene.cloudTrail().getInsightSelectors(r -> r.trailName(TamperScene.TRAIL)).insightSelectors())
                .anySatisfy(s -> assertThat(s.insightTypeAsString()).isEqualTo("ApiCallRateInsight"));
    }

    @Test
    void trailMadeSingleRegion_isMadeMultiRegionAgain() {
        TamperScene scene = scene(List.of());
        scene.cloudTrail().updateTrail(r -> r.name(TamperScene.TRAIL).isMultiRegionTrail(false)
                .includeGlobalServiceEvents(false));

        deliver(scene, scene.byAttacker("cloudtrail-cloudtrail-update-trail-single-region.json"));

        var trail = scene.cloudTrail().getTrail(r -> r.name(TamperScene.TRAIL)).trail();
        assertThat(trail.isMultiRegionTrail()).isTrue();
        assertThat(trail.includeGlobalServiceEvents()).isTrue();
    }

    @Test
    void releaseOfAnUndo_putsWhatTheTamperingLeftBack() {
        TamperScene scene = scene(List.of());
        scene.events().disableRule(r -> r.name(TamperScene.OWN_RULE));
        List<ObjectNode> deliveries = deliver(scene, scene.byAttacker("cloudtrail-events-disable-rule-own.json"));
        String incidentId = incident(deliveries).path("incidentId").asText();

        int exit = Releases.releaseUntilDone(scene.emulator, incidentId, 1);

        assertThat(exit).isZero();
        assertThat(scene.ruleState()).isEqualTo("DISABLED");
    }

    @Test
    void ownStackUnprotected_isProtectedAgain_withoutContainingWhenNoDeployPrincipalsAreNamed() {
        TamperScene scene = scene(List.of());
        CloudFormationStandIn.unprotectedStack(wiremock, TamperScene.STACK);

        List<ObjectNode> deliveries = deliver(scene,
                scene.byAttacker("cloudtrail-cloudformation-update-termination-protection.json"));

        assertThat(incident(deliveries).path("steps").findValuesAsText("step")).containsExactly("protect-own-stack");
        assertThat(incident(deliveries).path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(scene.attackerKeyInactive()).isFalse();
    }

    @Test
    void scheduledEvent_recordsTheBaseline_throughTheHandler() throws Exception {
        TamperScene scene = TamperScene.fresh(wiremock, List.of());
        var handler = new dev.tourniquet.function.tampering.UndoTamperingHandler(
                new dev.tourniquet.internal.AwsClients(scene.emulator.configuration()));
        String scheduled = """
                {"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",\
                "source":"aws.events","account":"123456789012","time":"2026-11-20T04:00:00Z","region":"us-east-1",\
                "resources":["arn:aws:events:us-east-1:123456789012:rule/tourniquet-baseline"],"detail":{}}""";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        handler.handleRequest(new java.io.ByteArrayInputStream(scheduled.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                out, null);

        JsonNode summary = Json.MAPPER.readTree(out.toByteArray());
        // The trail, the detector, Tourniquet's rules and functions, and Bedrock's model-invocation logging.
        assertThat(summary.path("recorded").asInt()).as(summary.toString()).isEqualTo(5);
        assertThat(summary.path("failed")).isEmpty();
    }

    @Test
    void someoneElsesRuleDisabled_isIgnored() {
        TamperScene scene = scene(List.of());
        scene.events().putRule(r -> r.name("nightly-report").scheduleExpression("rate(1 day)"));
        scene.events().disableRule(r -> r.name("nightly-report"));
        ObjectNode event = scene.byAttacker("cloudtrail-events-disable-rule-own.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("name", "nightly-report");

        List<ObjectNode> deliveries = deliver(scene, event);

        assertThat(deliveries).allSatisfy(d -> assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
        assertThat(scene.events().describeRule(r -> r.name("nightly-report")).stateAsString()).isEqualTo("DISABLED");
    }
}
