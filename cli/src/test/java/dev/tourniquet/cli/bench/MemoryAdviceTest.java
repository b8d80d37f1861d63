package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryAdviceTest {

    private static ColdSummary run(long peakRssKb, long cpuMillis, double wallMillis) {
        return ColdSummary.of(List.of(new ColdRun.Sample(wallMillis / 2, wallMillis, peakRssKb, 20_000, cpuMillis, 0)));
    }

    @Test
    void of_cpuBoundColdRun_getsAFullVcpu() {
        MemoryAdvice advice = MemoryAdvice.of(run(112 * 1024, 600, 480));

        assertThat(advice.vcpuShare()).isEqualTo(1.0);
        assertThat(advice.recommendedMb()).isEqualTo(1769);
    }

    @Test
    void of_mostlyWaiting_isSetByMemory() {
        // 100 ms of CPU in 2 s: a twentieth of a vCPU (89 MB) is less than twice the 150 MB peak.
        MemoryAdvice advice = MemoryAdvice.of(run(150 * 1024, 100, 2000));

        assertThat(advice.recommendedMb()).isEqualTo(320);
    }

    @Test
    void of_tinyProcess_getsTheLambdaMinimum() {
        assertThat(MemoryAdvice.of(run(30 * 1024, 10, 1000)).recommendedMb()).isEqualTo(128);
    }

    @Test
    void cpuSeconds_belowAFullVcpu_growsInProportion() {
        assertThat(MemoryAdvice.cpuSeconds(600, 1769)).isEqualTo(0.6);
        assertThat(MemoryAdvice.cpuSeconds(600, 1024)).isCloseTo(1.0365, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void reason_namesTheNumbers() {
        assertThat(MemoryAdvice.of(run(112 * 1024, 600, 480)).reason()).contains("peak RSS 112 MB", "600 ms of CPU");
    }
}
