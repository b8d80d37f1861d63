package dev.tourniquet.flow;

import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What becomes of an identity held provisionally, from what provenance says of it now — the exposure hold's judgement
 * (the same rules as for functions and instances), decided without touching AWS:
 * <ul>
 *   <li>a record inside the window names a principal of the incident (the contained key, the user behind it, an
 *       identity it created, another principal under containment): {@link Decision.Contain}, that record its
 *       creator;</li>
 *   <li>a record before the window: {@link Decision.Release} (nothing created before the window is held);</li>
 *   <li>records inside the window name only principals outside the incident: {@link Decision.Release};</li>
 *   <li>no record yet: {@link Decision.Wait} until the hold's deadline, then {@link Decision.Contain} (what is still
 *       unexplained after CloudTrail has had time to deliver is treated as the attacker's).</li>
 * </ul>
 * One record of the incident outweighs any number of others: an owner's later change does not clear what the
 * attacker made.
 */
final class IdentityJudgement {
    private IdentityJudgement() {}

    /** A decision about one held identity. */
    sealed interface Decision {
        /** Still unexplained, within its wait. */
        record Wait() implements Decision {}

        /** Provenance clears it: the stopping change is undone. */
        record Release(String reason) implements Decision {}

        /** Provenance names the incident, or the wait ran out: contained in full. */
        record Contain(String reason, Optional<Provenance> creator) implements Decision {}
    }

    /**
     * @param held       the hold
     * @param history    every provenance record of the identity, in any order
     * @param ofIncident whether a record's caller is part of the incident (or of another containment)
     * @param now        the review's time
     */
    static Decision judge(IdentityHolds.Held held, List<Provenance> history, Predicate<Provenance> ofIncident,
                          Instant now) {
        Instant windowStart = held.window().windowStart();
        List<Provenance> ordered = history.stream().sorted(Comparator.comparing(Provenance::time)).toList();
        Optional<Provenance> incident = ordered.stream().filter(p -> !p.time().isBefore(windowStart))
                .filter(ofIncident).findFirst();
        if (incident.isPresent()) {
            Provenance p = incident.get();
            return new Decision.Contain(p.eventName() + " by " + caller(p) + " at " + p.time() + ", part of incident "
                    + held.window().containment(), incident);
        }
        Optional<Provenance> before = ordered.stream().filter(p -> p.time().isBefore(windowStart)).findFirst();
        if (before.isPresent()) {
            return new Decision.Release("created before the exposure window: " + before.get().eventName() + " by "
                    + caller(before.get()) + " at " + before.get().time());
        }
        if (!ordered.isEmpty()) {
            Provenance p = ordered.getFirst();
            return new Decision.Release(p.eventName() + " by " + caller(p) + " at " + p.time()
                    + ", a principal outside the incident");
        }
        if (!now.isBefore(held.until())) {
            return new Decision.Contain("no CloudTrail record named its creator by " + held.until()
                    + " (ExposureHoldWaitMinutes after it was held)", Optional.empty());
        }
        return new Decision.Wait();
    }

    private static String caller(Provenance p) {
        return p.principalArn() + p.accessKeyId().map(k -> " (key " + k + ")").orElse("");
    }
}
