package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** ECS tasks and services a key starts are judged by the footprint's regions only (Fargate has no instance type). */
class EcsFootprintTest {
    private static final FootprintJudge JUDGE = new FootprintJudge(Footprint.parse("us-east-1", "accelerated", "32",
            ""), (region, type) -> OptionalInt.empty());

    private static Provenance record(String event, String type, String region) {
        return new Provenance("e-1", event, Instant.parse("2026-12-03T07:00:00Z"), region, "123456789012", type,
                "arn:aws:ecs:" + region + ":123456789012:" + (type.equals(EcsTask.TYPE) ? "task" : "service")
                        + "/default/x", Optional.of("AKIAEXAMPLE"), "arn:aws:iam::123456789012:user/ci", "IAMUser",
                Map.of(EcsTask.CLUSTER, "default"));
    }

    @Test
    void runTaskOrCreateService_outsideTheRegions_breaksAllowedRegions() {
        assertThat(JUDGE.judge(record("RunTask", EcsTask.TYPE, "sa-east-1"))).get()
                .isInstanceOf(FootprintBreach.OutsideAllowedRegions.class);
        assertThat(JUDGE.judge(record("CreateService", EcsService.TYPE, "ap-southeast-1"))).get()
                .satisfies(b -> assertThat(b.describe()).contains("ap-southeast-1", "us-east-1"));
    }

    @Test
    void runTaskOrCreateService_insideTheRegions_breaksNothing() {
        assertThat(JUDGE.judge(record("RunTask", EcsTask.TYPE, "us-east-1"))).isEmpty();
        assertThat(JUDGE.judge(record("CreateService", EcsService.TYPE, "us-east-1"))).isEmpty();
    }

    @Test
    void updateService_isNotJudged_evenOutsideTheRegions() {
        assertThat(JUDGE.judge(record("UpdateService", EcsService.TYPE, "sa-east-1"))).isEmpty();
    }
}
