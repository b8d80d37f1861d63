package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A resource's stop is timed from the later of its creation and the key's detection, or its record's arrival. */
class StopClockTest {
    private static final StopClock CLOCK = new StopClock(Duration.ofSeconds(67), "AKIALEAKED", Duration.ofMinutes(3));

    private static AttackerResource made(Duration at, String by) {
        return new AttackerResource(AttackerResource.Kind.FUNCTION, "arn" + at + by, "us-east-1", "miner", at, by);
    }

    @Test
    void startOf_leakedKeysResourceBeforeDetection_startsAtDetection() {
        assertThat(CLOCK.startOf(made(Duration.ofSeconds(20), "AKIALEAKED"))).isEqualTo(Duration.ofSeconds(67));
    }

    @Test
    void startOf_backdoorKeysResourceAfterDetection_startsWhenItsRecordArrives() {
        assertThat(CLOCK.startOf(made(Duration.ofSeconds(100), "AKIABACKDOOR")))
                .isEqualTo(Duration.ofSeconds(100).plusMinutes(3));
    }

    @Test
    void startOf_backdoorKeysResourceBeforeDetection_startsAtDetection() {
        assertThat(CLOCK.startOf(made(Duration.ofSeconds(30), "AKIABACKDOOR"))).isEqualTo(Duration.ofSeconds(67));
    }

    @Test
    void lag_containedBeforeItsClockStarted_isZero() {
        AttackerOutcome outcome = new AttackerOutcome(made(Duration.ofSeconds(20), "AKIALEAKED"), true, "inactive",
                Optional.of(Duration.ofSeconds(60)), 0, false, Optional.of(Duration.ofSeconds(67)));

        assertThat(outcome.lag()).contains(Duration.ZERO);
        assertThat(outcome.stoppedWithin(StopClock.TARGET)).isTrue();
    }
}
