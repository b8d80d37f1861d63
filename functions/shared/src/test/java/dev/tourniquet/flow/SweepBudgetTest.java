package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepBudgetTest {
    static final Instant START = Instant.parse("2026-11-20T03:20:00Z");

    /** A clock that moves only when told (milliseconds after {@link #START}), readable from any thread. */
    static final class MovedClock extends Clock {
        final AtomicLong millis = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return START.plusMillis(millis.get());
        }

        void advance(Duration by) {
            millis.addAndGet(by.toMillis());
        }
    }

    @Test
    void remaining_ofAFullLambda_startsWorkFor780Seconds() {
        MovedClock clock = new MovedClock();

        SweepBudget budget = SweepBudget.remaining(Duration.ofSeconds(900), clock);

        assertThat(budget.lastStart()).contains(START.plusSeconds(780));
        clock.advance(Duration.ofSeconds(779).plusMillis(999));
        assertThat(budget.mayStart()).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(budget.mayStart()).as("at the last start itself").isFalse();
    }

    @Test
    void remaining_ofAShortFunction_keepsAQuarter() {
        MovedClock clock = new MovedClock();

        assertThat(SweepBudget.remaining(Duration.ofSeconds(120), clock).lastStart()).contains(START.plusSeconds(90));
        assertThat(SweepBudget.remaining(Duration.ofSeconds(400), clock).lastStart()).contains(START.plusSeconds(300));
        assertThat(SweepBudget.remaining(Duration.ofSeconds(600), clock).lastStart()).contains(START.plusSeconds(480));
    }

    @Test
    void remaining_noneOrNegative_startsNothing() {
        MovedClock clock = new MovedClock();

        assertThat(SweepBudget.remaining(Duration.ZERO, clock).mayStart()).isFalse();
        assertThat(SweepBudget.remaining(Duration.ofMillis(-5), clock).mayStart()).isFalse();
    }

    @Test
    void unlimited_alwaysStarts() {
        assertThat(SweepBudget.UNLIMITED.mayStart()).isTrue();
        assertThat(SweepBudget.UNLIMITED.lastStart()).isEmpty();
    }

    @Test
    void budget_ofNoLambdaContext_isUnlimited() {
        assertThat(EventHandler.budget(null)).isSameAs(SweepBudget.UNLIMITED);
    }
}
