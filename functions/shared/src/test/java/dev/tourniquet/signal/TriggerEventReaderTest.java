package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The triggers a caller points at rented compute, read from CloudTrail into provenance (README "Respawn triggers"). */
class TriggerEventReaderTest {
    private final SignalParser parser = new SignalParser();

    private List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) parser.parse(event)).records();
    }

    @Test
    void putTargets_pipeline_isTheRulesProvenance_withThePipelineItStarts() {
        List<Provenance> records = records(Samples.load("cloudtrail-events-put-targets-codepipeline.json"));

        assertThat(records).hasSize(1);
        Provenance rule = records.get(0);
        assertThat(rule.resourceType()).isEqualTo(WorkloadTrigger.RULE_TYPE);
        assertThat(rule.resourceId()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/nightly-release");
        assertThat(rule.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(rule.details()).containsEntry(WorkloadTrigger.SERVICE, "codepipeline")
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:codepipeline:us-east-1:123456789012:gpu-bench-release")
                .containsEntry(WorkloadTrigger.NAME, "gpu-bench-release");
        WorkloadTrigger trigger = (WorkloadTrigger) Workload.of(rule).orElseThrow();
        assertThat(trigger.schedule()).isFalse();
        assertThat(trigger.container()).isEqualTo("default");
        assertThat(trigger.name()).isEqualTo("nightly-release");
    }

    @Test
    void putTargets_ecsOnACustomBus_namesTheRuleOnItsBus_andTheFamily() {
        ObjectNode event = Samples.load("cloudtrail-events-put-targets-ecs.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("eventBusName", "ops");
        ParseResult result = parser.parse(event);

        Provenance rule = ((ParseResult.Observed) result).records().get(0);
        assertThat(rule.resourceId()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/ops/xmrig-every-3-minutes");
        assertThat(rule.details()).containsEntry(WorkloadTrigger.SERVICE, "ecs")
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:ecs:us-east-1:123456789012:cluster/miners")
                .containsEntry(WorkloadTrigger.FAMILY, "xmrig");
        // The same call may put back a cut: the undone signal rides with the provenance.
        assertThat(((ParseResult.Observed) result).undone()).hasSize(1);
        assertThat(((WorkloadTrigger) Workload.of(rule).orElseThrow()).container()).isEqualTo("ops");
    }

    @Test
    void createSchedule_universalStartBuild_isTheSchedulesProvenance_withTheProject() {
        List<Provenance> records = records(Samples.load("cloudtrail-scheduler-create-schedule-codebuild.json"));

        assertThat(records).hasSize(1);
        Provenance schedule = records.get(0);
        assertThat(schedule.resourceType()).isEqualTo(WorkloadTrigger.SCHEDULE_TYPE);
        assertThat(schedule.resourceId()).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/cache-warmer");
        assertThat(schedule.details()).containsEntry(WorkloadTrigger.SERVICE, "codebuild")
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:codebuild:us-east-1:123456789012:project/ci-cache");
        assertThat(((WorkloadTrigger) Workload.of(schedule).orElseThrow()).schedule()).isTrue();
    }

    @Test
    void updateSchedule_templatedEcs_isProvenanceToo() {
        ParseResult result = parser.parse(Samples.load("cloudtrail-scheduler-update-schedule-ecs.json"));

        Provenance schedule = ((ParseResult.Observed) result).records().get(0);
        assertThat(schedule.resourceId()).isEqualTo("arn:aws:scheduler:us-east-1:123456789012:schedule/default/xmrig-keepalive");
        assertThat(schedule.details()).containsEntry(WorkloadTrigger.FAMILY, "xmrig");
    }

    @Test
    void universalInputs_nameQueueTaskAndPipeline_withoutArns() {
        ObjectNode event = Samples.load("cloudtrail-scheduler-create-schedule-codebuild.json");
        ObjectNode target = (ObjectNode) event.at("/detail/requestParameters/target");
        target.put("arn", "arn:aws:scheduler:::aws-sdk:ecs:runTask").put("input", "{\"taskDefinition\":\"xmrig:3\"}");
        assertThat(records(event).get(0).details()).containsEntry(WorkloadTrigger.FAMILY, "xmrig")
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:ecs:us-east-1:123456789012:cluster/default");
        target.put("arn", "arn:aws:scheduler:::aws-sdk:batch:submitJob").put("input", "{\"JobQueue\":\"gpu\"}");
        assertThat(records(event).get(0).details())
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:batch:us-east-1:123456789012:job-queue/gpu");
        target.put("arn", "arn:aws:scheduler:::aws-sdk:codepipeline:startPipelineExecution")
                .put("input", "{\"Name\":\"release\"}");
        assertThat(records(event).get(0).details())
                .containsEntry(WorkloadTrigger.TARGET_ARN, "arn:aws:codepipeline:us-east-1:123456789012:release");
    }

    @Test
    void scheduleOfAFunction_orRunTaskWithoutTaskDefinition_isNotATrigger() {
        ObjectNode event = Samples.load("cloudtrail-scheduler-create-schedule-codebuild.json");
        ObjectNode target = (ObjectNode) event.at("/detail/requestParameters/target");
        target.put("arn", "arn:aws:lambda:us-east-1:123456789012:function:report");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
        target.put("arn", "arn:aws:scheduler:::aws-sdk:ecs:runTask").put("input", "{\"cluster\":\"miners\"}");
        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }
}
