package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private static Provenance record(String type, String arn, Map<String, String> details) {
        return new Provenance("e-1", "Create", Instant.parse("2026-11-20T03:13:18Z"), "ap-southeast-1", "123456789012",
                type, arn, Optional.of("AKIAIOSFODNN7EXAMPLE"), "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser",
                details);
    }

    @Test
    void of_ecsTaskRecord_isTheTaskWithItsClusterAndGroup() {
        Workload task = Workload.of(record(EcsTask.TYPE,
                "arn:aws:ecs:ap-southeast-1:123456789012:task/miners/5f2b8c1e9d3a4b7c", Map.of("group", "service:web")))
                .orElseThrow();
        assertThat(task).isInstanceOfSatisfying(EcsTask.class, t -> {
            assertThat(t.cluster()).isEqualTo("miners");
            assertThat(t.service()).contains("web");
        });
        assertThat(task.region()).isEqualTo("ap-southeast-1");
        assertThat(task.accountId()).isEqualTo("123456789012");
    }

    @Test
    void of_eachKindOfRecord_namesItsKindAndName() {
        assertThat(Workload.of(record("codebuild-build",
                "arn:aws:codebuild:us-east-1:123456789012:build/miner:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", Map.of())))
                .get().isInstanceOfSatisfying(CodeBuildBuild.class, b -> {
                    assertThat(b.id()).isEqualTo("miner:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0");
                    assertThat(b.project()).isEqualTo("miner");
                });
        assertThat(Workload.of(record("sagemaker-notebook-instance",
                "arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/gpu-nb", Map.of())))
                .get().isInstanceOfSatisfying(SageMakerResource.class, r -> {
                    assertThat(r.kind()).isEqualTo(SageMakerResource.Kind.NOTEBOOK_INSTANCE);
                    assertThat(r.name()).isEqualTo("gpu-nb");
                });
        assertThat(Workload.of(record("batch-compute-environment",
                "arn:aws:batch:us-east-1:123456789012:compute-environment/spot-ce", Map.of())))
                .get().extracting(Workload::describe).isEqualTo("Batch compute environment spot-ce");
    }

    @Test
    void of_aRecordOfAnotherTypeOrWithoutAnArn_isNoWorkload() {
        assertThat(Workload.of(record("function", "arn:aws:lambda:us-east-1:123456789012:function:f", Map.of())))
                .isEmpty();
        assertThat(Workload.of(record(EcsTask.TYPE, "5f2b8c1e9d3a4b7c", Map.of()))).isEmpty();
    }
}
