package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.cli.local.UsageException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void parse_unitsAndBareSeconds() {
        assertThat(DurationText.parse("--x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("--x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("--x", "1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("--x", "400ms")).isEqualTo(Duration.ofMillis(400));
        assertThat(DurationText.parse("--x", "67")).isEqualTo(Duration.ofSeconds(67));
    }

    @Test
    void parse_nonsense_namesTheOption() {
        assertThatThrownBy(() -> DurationText.parse("--delay-health", "soon")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--delay-health").hasMessageContaining("90s");
    }

    @Test
    void clock_showsMinutesSecondsTenths_andHoursFromAnHourOn() {
        assertThat(DurationText.clock(Duration.ofMillis(67_340))).isEqualTo("T+01:07.3");
        assertThat(DurationText.clock(Duration.ofHours(8))).isEqualTo("T+8:00:00.0");
    }

    @Test
    void delays_haveNamedDefaults_andOverridesWin() {
        Delays delays = Delays.defaults().with(Delay.HEALTH, Duration.ofSeconds(90));

        assertThat(delays.get(Delay.HEALTH)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Delays.defaults().get(Delay.GUARDDUTY)).isEqualTo(Duration.ofMinutes(5));
        assertThat(Delays.defaults().get(Delay.CLOUDTRAIL)).isEqualTo(Duration.ofMinutes(3));
        assertThat(Delay.HEALTH.option()).isEqualTo("--delay-health");
    }
}
