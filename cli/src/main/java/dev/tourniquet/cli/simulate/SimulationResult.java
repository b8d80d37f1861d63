package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything one run of the simulation observed.
 *
 * @param pushedAt   T0: when the key was pushed (the simulated clock's origin, in wall-clock time)
 * @param timeline   every attacker call, signal, Tourniquet action and mining run, in simulated-time order
 * @param attacker   each attacker resource and how it ended
 * @param owner      each owner resource and whether it was touched
 * @param incidents  the incidents Tourniquet opened
 * @param steps      every step Tourniquet's handlers reported
 * @param played     simulated time played
 * @param wallMillis real time the run took
 */
record SimulationResult(Instant pushedAt, List<TimelineEntry> timeline, List<AttackerOutcome> attacker,
                        List<OwnerOutcome> owner, Set<String> incidents, List<DeliveryLog.StepTaken> steps,
                        Duration played, long wallMillis) {
}
