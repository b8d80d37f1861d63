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
 */
record AttackerOutcome(AttackerResource resource, boolean contained, String state, Optional<Duration> containedAt,
                       int runs, boolean stackless) {
}
