package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RespawnTriggerStepsTest {
    private static final AwsClients OFFLINE = new AwsClients(Configuration.from(Map.of()));
    private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/miners/abc";
    private final RespawnTriggerSteps triggers = new RespawnTriggerSteps(OFFLINE);

    private static CompromisedWorkload swept(Workload workload) {
        Origin origin = new Origin("chain", "tourniquet", "Credential Contained", Optional.of("inc-1"),
                Optional.empty(), 0, "", "123456789012", "us-east-1", Instant.EPOCH, false);
        return new CompromisedWorkload(origin, workload, "swept", false, Optional.empty());
    }

    @Test
    void after_taskOfAFamily_cutsItsRulesThenItsSchedules_onTheTask() {
        assertThat(triggers.after(swept(new EcsTask(TASK, "", Optional.of("family:xmrig"), Optional.empty()))))
                .extracting(Step::id, Step::target).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cut-rules-starting-workload", TASK),
                        org.assertj.core.groups.Tuple.tuple("disable-schedules-starting-workload", TASK));
    }

    @Test
    void after_whatNoTriggerNamesExactly_isNothing() {
        assertThat(triggers.after(swept(new EcsService("arn:aws:ecs:us-east-1:123456789012:service/miners/web",
                "miners")))).isEmpty();
        assertThat(triggers.after(swept(new BatchResource(BatchResource.Kind.COMPUTE_ENVIRONMENT,
                "arn:aws:batch:us-east-1:123456789012:compute-environment/gpu")))).isEmpty();
    }

    @Test
    void again_heldCut_isTheSameCutOnTheSameWorkload() {
        var prior = Json.object().put("workloadArn", TASK).put("region", "us-east-1").put("service", "ecs")
                .put("targetArn", "arn:aws:ecs:us-east-1:123456789012:cluster/miners").put("name", "miners")
                .put("family", "xmrig");

        assertThat(triggers.again(new ContainmentUndone.HeldStep("inc-1", "cut-rules-starting-workload", TASK, prior)))
                .get().extracting(Step::id, Step::target).containsExactly("cut-rules-starting-workload", TASK);
        assertThat(triggers.again(new ContainmentUndone.HeldStep("inc-1", "set-reserved-concurrency-zero", TASK,
                prior))).isEmpty();
    }

    @Test
    void plan_taskTheKeyRan_hasItsTriggersCutAfterItsStop() {
        Plan plan = new WorkloadPlaybook(OFFLINE).plan(swept(new EcsTask(TASK, "", Optional.of("family:xmrig"),
                Optional.empty())));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id).contains("cut-rules-starting-workload",
                "disable-schedules-starting-workload");
    }

    private static final String RULE = "arn:aws:events:us-east-1:123456789012:rule/nightly-release";
    private static final String SCHEDULE = "arn:aws:scheduler:us-east-1:123456789012:schedule/default/cache-warmer";

    private static dev.tourniquet.signal.WorkloadTrigger trigger(String arn, String service, String target) {
        return new dev.tourniquet.signal.WorkloadTrigger(arn, Map.of(dev.tourniquet.signal.WorkloadTrigger.SERVICE,
                service, dev.tourniquet.signal.WorkloadTrigger.TARGET_ARN, target));
    }

    @Test
    void plan_keysOwnRule_isThatRuleCut_alone_onTheRule() {
        Plan plan = new WorkloadPlaybook(OFFLINE).plan(swept(trigger(RULE, "codepipeline",
                "arn:aws:codepipeline:us-east-1:123456789012:gpu-bench-release")));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id, Step::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cut-rules-starting-workload", RULE));
        assertThat(plan.rationale()).contains("CodePipeline pipeline gpu-bench-release");
    }

    @Test
    void plan_keysOwnSchedule_isThatScheduleDisabled() {
        Plan plan = new WorkloadPlaybook(OFFLINE).plan(swept(trigger(SCHEDULE, "codebuild",
                "arn:aws:codebuild:us-east-1:123456789012:project/ci-cache")));

        assertThat(plan.steps()).extracting(Step::id, Step::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple("disable-schedules-starting-workload", SCHEDULE));
    }

    @Test
    void plan_triggerWhoseRecordNamesNoCompute_isAlertOnly() {
        Plan plan = new WorkloadPlaybook(OFFLINE).plan(swept(trigger(RULE, "sqs", "arn:aws:sqs:us-east-1:1:q")));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void again_aKeysOwnTriggerCut_isCutAgainAlone() {
        var prior = Json.object().put("workloadArn", RULE).put("region", "us-east-1").put("service", "codepipeline")
                .put("targetArn", "arn:aws:codepipeline:us-east-1:123456789012:gpu-bench-release")
                .put("name", "gpu-bench-release").put("family", "").put("only", RULE);

        assertThat(triggers.again(new ContainmentUndone.HeldStep("inc-1", "cut-rules-starting-workload", RULE, prior)))
                .get().extracting(Step::target).isEqualTo(RULE);
    }
}
