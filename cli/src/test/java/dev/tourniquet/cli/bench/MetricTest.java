package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void verdict_atOrBelowTarget_passes() {
        assertThat(Metric.atMost("ratio", 1.2, "x", 1.2).verdict()).isEqualTo("pass");
    }

    @Test
    void verdict_aboveTarget_fails() {
        assertThat(Metric.atMost("ratio", 1.21, "x", 1.2).failed()).isTrue();
    }

    @Test
    void verdict_unmeasured_neverPasses() {
        assertThat(Metric.atMost("ratio", Double.NaN, "x", 1.0).verdict()).isEqualTo("FAIL");
    }

    @Test
    void verdict_noTarget_isBlank() {
        assertThat(Metric.of("p50", 12, "ms").verdict()).isEmpty();
    }

    @Test
    void toJson_keepsTargetAndResult() {
        assertThat(Metric.atMost("peak RSS", 111.64, "MB", 256).toJson().toString())
                .isEqualTo("{\"name\":\"peak RSS\",\"unit\":\"MB\",\"value\":111.64,\"atMost\":256.0,\"result\":\"pass\"}");
    }

    @Test
    void value_printedByUnit() {
        assertThat(BenchReport.value(108.14, "ms")).isEqualTo("108.1 ms");
        assertThat(BenchReport.value(1.0549, "x")).isEqualTo("1.05 x");
        assertThat(BenchReport.value(18, "")).isEqualTo("18");
        assertThat(BenchReport.value(Double.NaN, "ms")).isEqualTo("n/a");
    }
}
