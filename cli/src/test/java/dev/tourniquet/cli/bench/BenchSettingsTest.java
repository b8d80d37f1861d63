package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.cli.local.UsageException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    @Test
    void everyMeasurementRunsUnlessOnlySomeAreChosen() {
        BenchSettings full = BenchSettings.full(false);

        assertThat(BenchSettings.PARTS).allMatch(full::includes);
        assertThat(full.variant()).isEqualTo("full");
    }

    @Test
    void onlyKeepsTheChosenMeasurementsAndSaysSoInTheVariant() {
        BenchSettings cold = BenchSettings.quick(false).only(BenchSettings.parts(" cold, warm "));

        assertThat(cold.includes("cold")).isTrue();
        assertThat(cold.includes("warm")).isTrue();
        assertThat(cold.includes("sweep")).isFalse();
        assertThat(cold.includes("artifacts")).isFalse();
        assertThat(cold.includes("load")).isFalse();
        assertThat(cold.variant()).isEqualTo("quick, only cold, warm");
        assertThat(cold.coldRuns()).isEqualTo(BenchSettings.quick(false).coldRuns());
    }

    @Test
    void choosingEveryMeasurementIsTheSameAsChoosingNone() {
        assertThat(BenchSettings.full(false).only(Set.of("warm", "cold", "sweep", "artifacts", "load")))
                .isEqualTo(BenchSettings.full(false));
    }

    @Test
    void unknownOrEmptyChoicesAreUsageErrors() {
        assertThatThrownBy(() -> BenchSettings.parts("cold,startup")).isInstanceOf(UsageException.class)
                .hasMessageContaining("'cold,startup'");
        assertThatThrownBy(() -> BenchSettings.parts(" , ")).isInstanceOf(UsageException.class);
    }

    @Test
    void startupOptionsWithoutTheColdRuns_isAUsageErrorBeforeAnythingStarts() {
        BenchCommand bench = new BenchCommand(java.nio.file.Path.of("does-not-exist"), System.out, System.err);

        assertThatThrownBy(() -> bench.run(new String[] {"--only", "sweep", "--startup-options"}))
                .isInstanceOf(UsageException.class).hasMessageContaining("add cold to --only");
    }
}
