package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistorySweepTest {
    private static final Instant NOW = Instant.parse("2026-11-20T04:00:00Z");

    @Test
    void start_windowInsideWhatCloudTrailKeeps_isTheWindowsStart() {
        Instant windowStart = NOW.minus(Duration.ofHours(1));

        assertThat(HistorySweep.start(windowStart, NOW)).isEqualTo(windowStart);
    }

    @Test
    void start_unboundedWindow_isCappedAtNinetyDays() {
        assertThat(HistorySweep.start(Instant.EPOCH, NOW)).isEqualTo(NOW.minus(Duration.ofDays(90)));
    }
}
