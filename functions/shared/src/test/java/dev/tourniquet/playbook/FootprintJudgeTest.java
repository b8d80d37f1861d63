package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SpendShape;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FootprintJudgeTest {
    private static final String FUNCTION = "arn:aws:lambda:sa-east-1:123456789012:function:worker";
    private static final FootprintJudge.InstanceVcpus VCPUS = (region, type) -> switch (type) {
        case "c5.24xlarge" -> OptionalInt.of(96);
        case "m5.large" -> OptionalInt.of(2);
        default -> OptionalInt.empty();
    };

    private static Provenance record(String event, String type, String id, String region, Map<String, String> shape) {
        return new Provenance("e-1", event, Instant.parse("2026-12-03T07:00:00Z"), region, "123456789012", type, id,
                Optional.of("AKIAEXAMPLE"), "arn:aws:iam::123456789012:user/ci", "IAMUser", shape);
    }

    private static FootprintJudge judge(String regions, String families, String vcpus, String shape) {
        return new FootprintJudge(Footprint.parse(regions, families, vcpus, shape), VCPUS);
    }

    @Test
    void judge_footprintOff_judgesNothing() {
        assertThat(judge("", "", "", "").judge(record("RunInstances", "instance", "i-1", "sa-east-1",
                Map.of(SpendShape.INSTANCE_TYPE, "p5.48xlarge")))).isEmpty();
    }

    @Test
    void judge_regionOutside_isBrokenFirstWhateverTheShape() {
        Optional<FootprintBreach> breach = judge("us-east-1", "accelerated", "", "").judge(record("RunInstances",
                "instance", "i-1", "sa-east-1", Map.of(SpendShape.INSTANCE_TYPE, "g5.xlarge")));

        assertThat(breach).get().isInstanceOf(FootprintBreach.OutsideAllowedRegions.class);
        assertThat(breach.get().findingType()).isEqualTo("Footprint:AllowedRegions");
        assertThat(breach.get().describe()).contains("sa-east-1", "us-east-1");
    }

    @Test
    void judge_deniedFamilyInsideTheRegions_isBroken() {
        Optional<FootprintBreach> breach = judge("us-east-1", "accelerated", "", "").judge(record("RunInstances",
                "instance", "i-1", "us-east-1", Map.of(SpendShape.INSTANCE_TYPE, "g5.xlarge")));

        assertThat(breach).get().extracting(FootprintBreach::rule).isEqualTo("DeniedInstanceFamilies");
    }

    @Test
    void judge_vcpusAboveTheLimit_isBrokenAndUnknownCountIsNot() {
        FootprintJudge judge = judge("", "", "16", "");

        assertThat(judge.judge(record("RunInstances", "instance", "i-1", "us-east-1",
                Map.of(SpendShape.INSTANCE_TYPE, "c5.24xlarge")))).get().extracting(FootprintBreach::rule)
                .isEqualTo("MaxInstanceVcpus");
        assertThat(judge.judge(record("RunInstances", "instance", "i-2", "us-east-1",
                Map.of(SpendShape.INSTANCE_TYPE, "m5.large")))).isEmpty();
        assertThat(judge.judge(record("RunInstances", "instance", "i-3", "us-east-1",
                Map.of(SpendShape.INSTANCE_TYPE, "z9.metal")))).isEmpty();
    }

    @Test
    void judge_minerShapedFunction_isBrokenOnlyWithBothMemoryAndTimeout() {
        FootprintJudge judge = judge("", "", "", "miner");

        assertThat(judge.judge(record("CreateFunction20150331", "function", FUNCTION, "sa-east-1",
                Map.of(SpendShape.MEMORY_MB, "10240", SpendShape.TIMEOUT_SECONDS, "900"))))
                .get().extracting(FootprintBreach::rule).isEqualTo("DeniedFunctionShape");
        assertThat(judge.judge(record("CreateFunction20150331", "function", FUNCTION, "sa-east-1",
                Map.of(SpendShape.MEMORY_MB, "10240", SpendShape.TIMEOUT_SECONDS, "30")))).isEmpty();
        assertThat(judge.judge(record("UpdateFunctionConfiguration20150331v2", "function", FUNCTION, "sa-east-1",
                Map.of(SpendShape.TIMEOUT_SECONDS, "900")))).isEmpty();
    }

    @Test
    void judge_callsThatStartNoSpend_areNotJudged() {
        FootprintJudge judge = judge("us-east-1", "", "", "");

        assertThat(judge.judge(record("AddPermission20150331v2", "function", FUNCTION, "sa-east-1", Map.of())))
                .isEmpty();
        assertThat(judge.judge(record("StartInstances", "instance", "i-1", "sa-east-1", Map.of()))).isEmpty();
        assertThat(judge.judge(record("CreateLaunchTemplate", "launch-template", "lt-1", "sa-east-1", Map.of())))
                .isEmpty();
    }

    @Test
    void judgeInstanceAndFunction_inventoryView_judgeRegionThenShape() {
        FootprintJudge judge = judge("eu-west-1", "p*", "", "miner");

        assertThat(judge.judgeInstance("i-1", "eu-west-1", "p3.2xlarge")).get().extracting(FootprintBreach::rule)
                .isEqualTo("DeniedInstanceFamilies");
        assertThat(judge.judgeInstance("i-2", "eu-west-1", "m5.large")).isEmpty();
        assertThat(judge.judgeFunction(FUNCTION, "sa-east-1", 128, 3)).get().extracting(FootprintBreach::rule)
                .isEqualTo("AllowedRegions");
        assertThat(judge.judgeFunction(FUNCTION, "eu-west-1", 10_240, 900)).isPresent();
    }
}
