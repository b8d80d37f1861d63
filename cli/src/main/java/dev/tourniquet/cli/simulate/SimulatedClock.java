package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulated clock as an instant (the push plus the simulated time played), for what reads it while the
 * handlers run: the event history stand-in shows only what CloudTrail would show by then.
 */
final class SimulatedClock {
    private volatile Instant origin = Instant.EPOCH;
    private volatile Duration played = Duration.ZERO;

    void start(Instant pushedAt) {
        origin = pushedAt;
        played = Duration.ZERO;
    }

    void at(Duration simulated) {
        played = simulated;
    }

    Instant now() {
        return origin.plus(played);
    }

    /** A simulated time as an instant. */
    Instant instant(Duration simulated) {
        return origin.plus(simulated);
    }
}
