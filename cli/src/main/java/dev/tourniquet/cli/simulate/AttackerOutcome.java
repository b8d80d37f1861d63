package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.Optional;

/**
 * How one attacker resource ended, read from the emulator.
 *
 * @param resource    the resource
 * @param contained   whether the emulator shows it contained at the end
 * @param state       the state that says so
 * @param containedAt when the emulator first showed it contained, on the simulated clock
 * @param runs        mining runs that started (functions only)
 * @param stackless   whether it is in a region where no Tourniquet stack receives events
 * @param clockStart  from when its stop is timed ({@link StopClock}); empty when the key was never detected
 * @param stoppedAt   when the emulator first showed it stopped (an instance: stopped, before its isolation shows)
 */
record AttackerOutcome(AttackerResource resource, boolean contained, String state, Optional<Duration> containedAt,
                       int runs, boolean stackless, Optional<Duration> clockStart, Optional<Duration> stoppedAt) {

    /** An outcome stopped when it was contained. */
    AttackerOutcome(AttackerResource resource, boolean contained, String state, Optional<Duration> containedAt,
                    int runs, boolean stackless, Optional<Duration> clockStart) {
        this(resource, contained, state, containedAt, runs, stackless, clockStart, containedAt);
    }

    /** An outcome whose stop is not timed (the key was never detected). */
    AttackerOutcome(AttackerResource resource, boolean contained, String state, Optional<Duration> containedAt,
                    int runs, boolean stackless) {
        this(resource, contained, state, containedAt, runs, stackless, Optional.empty(), containedAt);
    }

    /** How long after its clock started the emulator showed it stopped, once both are known. */
    Optional<Duration> lag() {
        return clockStart.flatMap(start -> stoppedAt.map(at -> at.compareTo(start) < 0 ? Duration.ZERO
                : at.minus(start)));
    }

    /** Whether it was stopped within {@code limit} of its clock's start (a resource never stopped is not). */
    boolean stoppedWithin(Duration limit) {
        return lag().filter(lag -> lag.compareTo(limit) <= 0).isPresent();
    }
}
