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
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The function quarantine's single cases on moto server: plan mode, exemptions, Tourniquet's own function, a
 * function that is gone, attribution from CloudTrail LookupEvents, release, and no collateral on the owner's
 * rule targets.
 */
class FunctionQuarantineCasesIT extends QuarantineFunctionScenario {

    // These cases alone reach every write the function has, so the least-privilege check covers them all.
    @org.junit.jupiter.api.AfterAll
    static void everyWriteWasExercised() {
        assertThat(PERFORMED).contains("lambda:PutFunctionConcurrency", "lambda:UpdateEventSourceMapping",
                "lambda:RemovePermission", "lambda:UpdateFunctionUrlConfig", "events:DisableRule",
                "events:RemoveTargets", "scheduler:UpdateSchedule", "iam:PutRolePolicy", "lambda:TagResource",
                "events:PutEvents", "cloudtrail:LookupEvents", "dynamodb:Query", "s3:PutObject");
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
    void exemptTag_olderThanCloudTrailKnows_changesNothing() {
        scene(Mode.ENFORCE, List.of());
        // Deployed and tagged long ago: neither provenance nor CloudTrail's 90 days of history know who.
        Deployed miner = scene.deploy(MiningScene.WEST, "gpu-benchmark", "xmrig-exec", "owner", scene.ownerKey, false);
        scene.lambda(miner.region()).tagResource(r -> r.resource(miner.arn())
                .tags(Map.of("tourniquet:exempt", "load test by the platform team")));
        emulator.recorder().clear();

        JsonNode incident = incidentOf(deliver(MiningScene.finding(miner)), miner);

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("tourniquet:exempt", "before its 90 days of history");
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(scene.keyStatus("owner", scene.ownerKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.recorder().actions()).doesNotContain("lambda:PutFunctionConcurrency", "events:PutEvents");
    }

    @Test
    void tourniquetsOwnFunction_isNeverTouched() {
        scene(Mode.ENFORCE, List.of());
        // This stack's function by its exact name in this stack's region (a same-named one elsewhere is not it).
        Deployed own = scene.attacker(MiningScene.EAST, "tourniquet-quarantine-function", "xmrig-exec-east");

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

    @Test
    void ruleAnAwsServiceManages_isLeftTargetingTheFunction_andTheMinersOwnScheduleIsStillCut() {
        // moto makes no managed rule: its DescribeRule answer for the shared rule says an AWS service manages it.
        emulator = MiningScene.emulator(wiremock, Mode.ENFORCE, List.of(), List.of(new ExecutionInterceptor() {
            @Override
            public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                return context.response() instanceof DescribeRuleResponse rule && "nightly-jobs".equals(rule.name())
                        ? rule.toBuilder().managedBy("ssm.amazonaws.com").build() : context.response();
            }
        }));
        scene = new MiningScene(emulator, wiremock);
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.everyThreeMinutes(miner);
        scene.sharedRule(miner, "arn:aws:sqs:" + MiningScene.WEST + ":" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID
                + ":nightly-jobs");
        var before = scene.sharedRuleTargets(miner);

        JsonNode incident = incidentOf(deliver(MiningScene.finding(miner)), miner);

        assertThat(step(incident, "disable-rules-targeting-function").path("result").asText()).as(
                step(incident, "disable-rules-targeting-function").toString()).isEqualTo("applied");
        assertThat(scene.ruleState(miner)).as("the miner's own schedule").isEqualTo(RuleState.DISABLED);
        assertThat(scene.sharedRuleState(miner)).as("a managed rule cannot be changed").isEqualTo(RuleState.ENABLED);
        assertThat(scene.sharedRuleTargets(miner)).isEqualTo(before);
    }

    @Test
    void ruleWithTheOwnersTargetsBeside_losesOnlyTheFunctionsTarget_andReleasePutsItBack() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.everyThreeMinutes(miner);
        String ownerQueue = "arn:aws:sqs:" + MiningScene.WEST + ":" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID
                + ":nightly-jobs";
        scene.sharedRule(miner, ownerQueue);
        var before = scene.sharedRuleTargets(miner);

        JsonNode incident = incidentOf(deliver(MiningScene.finding(miner)), miner);

        assertThat(step(incident, "disable-rules-targeting-function").path("result").asText()).isEqualTo("applied");
        assertThat(scene.ruleState(miner)).as("the miner's own schedule").isEqualTo(RuleState.DISABLED);
        assertThat(scene.sharedRuleState(miner)).as("the owner's rule keeps firing").isEqualTo(RuleState.ENABLED);
        assertThat(scene.sharedRuleTargets(miner)).containsOnlyKeys("owner-queue");
        assertThat(scene.sharedRuleTargets(miner).get("owner-queue")).isEqualTo(before.get("owner-queue"));

        Releases.release(emulator, incident.path("incidentId").asText());

        assertThat(scene.sharedRuleTargets(miner)).isEqualTo(before);
        assertThat(scene.ruleState(miner)).isEqualTo(RuleState.ENABLED);
    }
}
