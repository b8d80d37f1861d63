package dev.tourniquet.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a sweep may keep starting work in this invocation. Lambda stops a function at its timeout (at most
 * 900 s); a sweep that starts an incident it cannot finish, or cannot then record what it left, loses work. So a
 * sweep starts a resource's incident (or, in a first phase, its stopping call) only while {@link #mayStart()}: until
 * the invocation's deadline less a margin for what is in flight (two incidents a region, each paced) and for the
 * continuation and response after them. What was not started is untouched (never half-claimed) and left for the
 * continuation ({@link SweepCoordinator}).
 *
 * <p>The margin is a quarter of the time the invocation had when the budget was made, at most {@link #MAX_MARGIN}:
 * 120 s of a 900 s function (incidents are started for 780 s), 30 s of a 120 s one. Built once per delivery from the
 * Lambda context ({@link EventHandler}); tests give a clock of their own, so that they need not wait.
 */
public final class SweepBudget {
    /** The most a sweep keeps back from its deadline: more than any one incident takes under its region's pacing. */
    static final Duration MAX_MARGIN = Duration.ofSeconds(120);

    /** No deadline: the command line's replay, and what has no Lambda context. */
    public static final SweepBudget UNLIMITED = new SweepBudget(Clock.systemUTC(), Optional.empty());

    private final Clock clock;
    private final Optional<Instant> lastStart;

    private SweepBudget(Clock clock, Optional<Instant> lastStart) {
        this.clock = clock;
        this.lastStart = lastStart;
    }

    /**
     * The budget of an invocation that ends {@code remaining} after now.
     *
     * @param clock the clock the sweep reads (a test's own moves with its virtual pacing)
     */
    public static SweepBudget remaining(Duration remaining, Clock clock) {
        Duration left = remaining.isNegative() ? Duration.ZERO : remaining;
        Duration quarter = left.dividedBy(4);
        Duration margin = quarter.compareTo(MAX_MARGIN) < 0 ? quarter : MAX_MARGIN;
        return new SweepBudget(clock, Optional.of(clock.instant().plus(left).minus(margin)));
    }

    /** Whether work may still be started: the clock has not reached the last moment to start. */
    public boolean mayStart() {
        return lastStart.map(last -> clock.instant().isBefore(last)).orElse(true);
    }

    /** When work stops being started; empty when unlimited. */
    public Optional<Instant> lastStart() {
        return lastStart;
    }

    @Override
    public String toString() {
        return lastStart.map(last -> "starts work until " + last).orElse("unlimited");
    }
}
