package dev.tourniquet.step.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildProject;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadStartsTest {
    private static final String ACCOUNT = "arn:aws:ecs:us-west-2:123456789012:";
    private static final EcsTask TASK = new EcsTask(ACCOUNT + "task/miners/5f2c8e1a9b7d4c3e8f1a2b3c4d5e6f70", "",
            Optional.of("family:xmrig"), Optional.empty());

    @Test
    void of_ecsTaskOfAFamily_namesItsClusterAndFamily() {
        WorkloadStarts starts = WorkloadStarts.of(TASK).orElseThrow();

        assertThat(starts.targetArn()).isEqualTo(ACCOUNT + "cluster/miners");
        assertThat(starts.family()).isEqualTo("xmrig");
        assertThat(starts.region()).isEqualTo("us-west-2");
    }

    @Test
    void of_ecsTaskWithItsDefinition_takesTheFamilyFromTheDefinition() {
        EcsTask task = new EcsTask(ACCOUNT + "task/miners/abc", "arn:aws:ecs:us-west-2:123456789012:cluster/miners",
                Optional.empty(), Optional.of(ACCOUNT + "task-definition/xmrig:7"));

        assertThat(WorkloadStarts.of(task).orElseThrow().family()).isEqualTo("xmrig");
    }

    @Test
    void of_whatNoTriggerNamesExactly_hasNone() {
        assertThat(WorkloadStarts.of(new EcsTask(ACCOUNT + "task/miners/abc", "", Optional.of("service:web"),
                Optional.empty()))).isEmpty();
        assertThat(WorkloadStarts.of(new EcsService(ACCOUNT + "service/miners/web", "miners"))).isEmpty();
        assertThat(WorkloadStarts.of(new BatchResource(BatchResource.Kind.JOB,
                "arn:aws:batch:us-west-2:123456789012:job/1b2c"))).isEmpty();
    }

    @Test
    void of_codeBuildBuild_namesItsProject() {
        WorkloadStarts starts = WorkloadStarts.of(new CodeBuildBuild(
                "arn:aws:codebuild:us-west-2:123456789012:build/ci-cache:7d1f0c2e-1111-2222-3333-444455556666"))
                .orElseThrow();

        assertThat(starts.targetArn()).isEqualTo("arn:aws:codebuild:us-west-2:123456789012:project/ci-cache");
        assertThat(starts.startedBy("arn:aws:codebuild:us-west-2:123456789012:project/ci-cache", Optional.empty()))
                .isTrue();
        assertThat(starts.startedBy("arn:aws:codebuild:us-west-2:123456789012:project/release", Optional.empty()))
                .isFalse();
    }

    @Test
    void of_codeBuildBatch_namesItsProject() {
        WorkloadStarts starts = WorkloadStarts.of(new dev.tourniquet.signal.CodeBuildBuildBatch(
                "arn:aws:codebuild:us-west-2:123456789012:build-batch/ci-cache:5a7c9e1b")).orElseThrow();

        assertThat(starts.targetArn()).isEqualTo("arn:aws:codebuild:us-west-2:123456789012:project/ci-cache");
    }

    @Test
    void startedBy_ecsTarget_onlyForTheSameFamilyOnTheSameCluster() {
        WorkloadStarts starts = WorkloadStarts.of(TASK).orElseThrow();

        assertThat(starts.startedBy(ACCOUNT + "cluster/miners", Optional.of(ACCOUNT + "task-definition/xmrig:3")))
                .isTrue();
        assertThat(starts.startedBy(ACCOUNT + "cluster/miners", Optional.of(ACCOUNT + "task-definition/xmrig")))
                .isTrue();
        assertThat(starts.startedBy(ACCOUNT + "cluster/miners", Optional.of(ACCOUNT + "task-definition/nightly:1")))
                .as("the owner's job on the same cluster").isFalse();
        assertThat(starts.startedBy(ACCOUNT + "cluster/prod", Optional.of(ACCOUNT + "task-definition/xmrig:3")))
                .isFalse();
        assertThat(starts.startedBy(ACCOUNT + "cluster/miners", Optional.empty())).isFalse();
    }

    @Test
    void startedByUniversal_runTaskInput_matchesClusterAndFamilyInEitherCase() {
        WorkloadStarts starts = WorkloadStarts.of(TASK).orElseThrow();
        String runTask = "arn:aws:scheduler:::aws-sdk:ecs:runTask";

        assertThat(starts.startedByUniversal(runTask, "{\"Cluster\":\"miners\",\"TaskDefinition\":\"xmrig:2\"}")).isTrue();
        assertThat(starts.startedByUniversal(runTask, "{\"cluster\":\"" + ACCOUNT + "cluster/miners\","
                + "\"taskDefinition\":\"" + ACCOUNT + "task-definition/xmrig:2\"}")).isTrue();
        assertThat(starts.startedByUniversal(runTask, "{\"Cluster\":\"miners\",\"TaskDefinition\":\"nightly\"}")).isFalse();
        assertThat(starts.startedByUniversal("arn:aws:scheduler:::aws-sdk:ecs:stopTask",
                "{\"Cluster\":\"miners\",\"TaskDefinition\":\"xmrig\"}")).isFalse();
        assertThat(starts.startedByUniversal(runTask, "not json")).isFalse();
    }

    @Test
    void startedByUniversal_runTaskWithoutCluster_isTheDefaultCluster() {
        EcsTask onDefault = new EcsTask(ACCOUNT + "task/default/abc", "", Optional.of("family:xmrig"), Optional.empty());

        assertThat(WorkloadStarts.of(onDefault).orElseThrow().startedByUniversal(
                "arn:aws:scheduler:::aws-sdk:ecs:runTask", "{\"TaskDefinition\":\"xmrig\"}")).isTrue();
    }

    @Test
    void startedByUniversal_startBuildAndSubmitJob_matchTheirProjectAndQueue() {
        WorkloadStarts project = WorkloadStarts.of(new CodeBuildProject(
                "arn:aws:codebuild:us-west-2:123456789012:project/ci-cache")).orElseThrow();
        WorkloadStarts queue = WorkloadStarts.of(new BatchResource(BatchResource.Kind.JOB_QUEUE,
                "arn:aws:batch:us-west-2:123456789012:job-queue/gpu")).orElseThrow();

        assertThat(project.startedByUniversal("arn:aws:scheduler:::aws-sdk:codebuild:startBuild",
                "{\"ProjectName\":\"ci-cache\"}")).isTrue();
        assertThat(project.startedByUniversal("arn:aws:scheduler:::aws-sdk:codebuild:startBuild",
                "{\"ProjectName\":\"release\"}")).isFalse();
        assertThat(queue.startedByUniversal("arn:aws:scheduler:::aws-sdk:batch:submitJob",
                "{\"JobName\":\"x\",\"JobQueue\":\"arn:aws:batch:us-west-2:123456789012:job-queue/gpu\"}")).isTrue();
        assertThat(queue.startedByUniversal("arn:aws:scheduler:::aws-sdk:codebuild:startBuild",
                "{\"JobQueue\":\"gpu\"}")).isFalse();
    }
}
