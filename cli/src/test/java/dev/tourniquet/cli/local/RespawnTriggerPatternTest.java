package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rule that keeps a contained workload's respawn triggers cut (README "Respawn triggers"), read from
 * {@code template.yaml} and matched by event-ruler: a target that starts a workload put back on a rule, a rule enabled
 * again, a schedule that starts a workload enabled again reach stop-workload; a Lambda target, a schedule disabled and a
 * failed call do not.
 */
class RespawnTriggerPatternTest {
    static final String RULE = "StopWorkloadFunction/ContainmentUndoneWorkloadTriggerRule";
    static final String PROVENANCE = "RecordProvenanceFunction/TriggerProvenance";

    /** The respawn-trigger samples and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            // Targets put on a rule are also watched as tampering, should the rule be Tourniquet's own.
            Map.entry("cloudtrail-events-put-targets-ecs.json", Set.of(RULE, "UndoTamperingFunction/TamperOwnRules",
                    "UndoTamperingFunction/TamperOwnRulesWatch", PROVENANCE)),
            // A key's rule pointed at a pipeline: provenance of its caller, and cut again should a cut be put back.
            Map.entry("cloudtrail-events-put-targets-codepipeline.json", Set.of(RULE,
                    "UndoTamperingFunction/TamperOwnRules", "UndoTamperingFunction/TamperOwnRulesWatch", PROVENANCE)),
            // A key's schedule starting a build through the universal target: provenance only (nothing to undo).
            Map.entry("cloudtrail-scheduler-create-schedule-codebuild.json", Set.of(PROVENANCE)),
            // The quarantine watches every schedule update; the holds decide which function's cut was undone.
            Map.entry("cloudtrail-scheduler-update-schedule-ecs.json", Set.of(RULE,
                    "QuarantineFunction/ContainmentUndoneSchedule", PROVENANCE)));

    @Test
    void everyTriggerSample_reachesTheRulesExpected() {
        EXPECTED.forEach((file, rules) -> assertThat(SampleRoutes.matched(SampleRoutes.sample(file), "default"))
                .as(file).isEqualTo(rules));
    }

    @Test
    void lambdaTargetPutBack_isTheQuarantinesNotStopWorkloads() {
        assertThat(SampleRoutes.matched(SampleRoutes.sample("cloudtrail-events-put-targets.json"), "default"))
                .doesNotContain(RULE);
    }

    @Test
    void codeBuildAndBatchTargets_reachStopWorkload() {
        for (String arn : new String[] {"arn:aws:codebuild:us-east-1:123456789012:project/ci-cache",
                "arn:aws-cn:batch:cn-north-1:123456789012:job-queue/gpu"}) {
            ObjectNode event = SampleRoutes.sample("cloudtrail-events-put-targets-ecs.json");
            ((ObjectNode) event.at("/detail/requestParameters/targets/0")).put("arn", arn);
            assertThat(SampleRoutes.matched(event, "default")).as(arn).contains(RULE);
        }
    }

    @Test
    void universalRunTaskScheduleEnabled_reachesStopWorkload() {
        ObjectNode event = SampleRoutes.sample("cloudtrail-scheduler-update-schedule-ecs.json");
        ((ObjectNode) event.at("/detail/requestParameters/target")).put("arn", "arn:aws:scheduler:::aws-sdk:ecs:runTask")
                .put("input", "{\"Cluster\":\"miners\",\"TaskDefinition\":\"xmrig\"}").remove("ecsParameters");
        assertThat(SampleRoutes.matched(event, "default")).contains(RULE);
    }

    @Test
    void scheduleDisabled_theDirectionTourniquetTakes_doesNotReachStopWorkload() {
        ObjectNode event = SampleRoutes.sample("cloudtrail-scheduler-update-schedule-ecs.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("state", "DISABLED");
        assertThat(SampleRoutes.matched(event, "default")).doesNotContain(RULE);
    }

    @Test
    void failedPutTargets_reachesNoTriggerRule() {
        ObjectNode event = SampleRoutes.sample("cloudtrail-events-put-targets-ecs.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDeniedException");
        assertThat(SampleRoutes.matched(event, "default")).doesNotContain(RULE);
    }

    @Test
    void lambdaTargetOrSchedule_isNoTriggerProvenance() {
        assertThat(SampleRoutes.matched(SampleRoutes.sample("cloudtrail-events-put-targets.json"), "default"))
                .doesNotContain(PROVENANCE);
        ObjectNode event = SampleRoutes.sample("cloudtrail-scheduler-create-schedule-codebuild.json");
        ((ObjectNode) event.at("/detail/requestParameters/target"))
                .put("arn", "arn:aws:lambda:us-east-1:123456789012:function:report").remove("input");
        assertThat(SampleRoutes.matched(event, "default")).doesNotContain(PROVENANCE);
    }

    @Test
    void everyComputeTargetAndUniversalAction_isTriggerProvenance() {
        for (String arn : new String[] {"arn:aws:codebuild:us-east-1:123456789012:project/ci-cache",
                "arn:aws-cn:batch:cn-north-1:123456789012:job-queue/gpu",
                "arn:aws-us-gov:codepipeline:us-gov-west-1:123456789012:release"}) {
            ObjectNode event = SampleRoutes.sample("cloudtrail-events-put-targets-ecs.json");
            ((ObjectNode) event.at("/detail/requestParameters/targets/0")).put("arn", arn);
            assertThat(SampleRoutes.matched(event, "default")).as(arn).contains(PROVENANCE);
        }
        for (String arn : new String[] {"arn:aws:scheduler:::aws-sdk:ecs:runTask",
                "arn:aws:scheduler:::aws-sdk:batch:submitJob",
                "arn:aws:scheduler:::aws-sdk:codepipeline:startPipelineExecution"}) {
            ObjectNode event = SampleRoutes.sample("cloudtrail-scheduler-create-schedule-codebuild.json");
            ((ObjectNode) event.at("/detail/requestParameters/target")).put("arn", arn);
            assertThat(SampleRoutes.matched(event, "default")).as(arn).contains(PROVENANCE);
        }
    }

    @Test
    void pipelineTargetPutBack_reachesStopWorkload() {
        ObjectNode event = SampleRoutes.sample("cloudtrail-events-put-targets-codepipeline.json");
        assertThat(SampleRoutes.matched(event, "default")).contains(RULE);
    }
}
