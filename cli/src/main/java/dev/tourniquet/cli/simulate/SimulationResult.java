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
 * @param deployment where Tourniquet received events
 * @param history    how Tourniquet used CloudTrail's event history
 */
record SimulationResult(Instant pushedAt, List<TimelineEntry> timeline, List<AttackerOutcome> attacker,
                        List<OwnerOutcome> owner, Set<String> incidents, List<DeliveryLog.StepTaken> steps,
                        Duration played, long wallMillis, Deployment deployment, HistoryUse history) {

    /**
     * The {@code LookupEvents} requests Tourniquet's handlers made during the run.
     *
     * @param lookups requests answered
     * @param regions the regions they asked about
     */
    record HistoryUse(long lookups, List<String> regions) {
    }

    /** The leaked key's id (what the attacker's other key is told apart from). */
    String leakedKeyId() {
        return attacker.stream().filter(o -> o.resource().kind() == AttackerResource.Kind.ACCESS_KEY)
                .map(o -> o.resource().id()).findFirst().orElse("");
    }
}
