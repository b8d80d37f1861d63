package dev.tourniquet.cli.simulate;

import java.util.List;
import java.util.function.Predicate;

/**
 * The simulation's verdict, from the emulator's state at the end: every attacker resource contained and
 * no owner resource touched. Among the attacker's resources it also counts the backdoor identities
 * (denied?) and what was launched in regions without a Tourniquet stack (stopped?), the parts a leaked key's
 * containment alone does not reach, and how many were stopped within 30 s of the later of their creation and the
 * key's detection ({@link StopClock}).
 */
record Verdict(int attackerContained, int attackerTotal, int ownerUntouched, int ownerTotal, int identitiesDenied,
               int identitiesTotal, int stacklessStopped, int stacklessTotal, int stoppedInTime, int timedTotal) {

    static Verdict of(SimulationResult result) {
        List<AttackerOutcome> attacker = result.attacker();
        Predicate<AttackerOutcome> identity = o -> o.resource().identity();
        return new Verdict(count(attacker, o -> true, true), attacker.size(),
                (int) result.owner().stream().filter(OwnerOutcome::untouched).count(), result.owner().size(),
                count(attacker, identity, true), count(attacker, identity, false),
                count(attacker, AttackerOutcome::stackless, true), count(attacker, AttackerOutcome::stackless, false),
                (int) attacker.stream().filter(o -> o.stoppedWithin(StopClock.TARGET)).count(),
                (int) attacker.stream().filter(o -> o.clockStart().isPresent()).count());
    }

    private static int count(List<AttackerOutcome> outcomes, Predicate<AttackerOutcome> which, boolean contained) {
        return (int) outcomes.stream().filter(which).filter(o -> !contained || o.contained()).count();
    }

    boolean allContained() {
        return attackerContained == attackerTotal;
    }

    boolean noOwnerTouched() {
        return ownerUntouched == ownerTotal;
    }

    /** Every timed attacker resource stopped within {@link StopClock#TARGET} of its clock's start. */
    boolean allStoppedInTime() {
        return stoppedInTime == timedTotal;
    }

    /**
     * Every attacker resource contained and no owner resource touched. The stop target is measured and reported beside
     * it ({@link #allStoppedInTime}), not part of it: a resource the attacker made while its key was being deactivated
     * is caught by the hold's next review (a minute at most in AWS), which the simulation does not play.
     */
    boolean passed() {
        return allContained() && noOwnerTouched();
    }

    String summary() {
        return (passed() ? "PASS" : "FAIL") + ": " + attackerContained + " of " + attackerTotal
                + " attacker resources contained; " + stoppedInTime + " of " + timedTotal + " stopped within "
                + StopClock.TARGET.toSeconds() + " s of the later of their creation and the detection of the key; "
                + ownerUntouched + " of " + ownerTotal + " owner resources untouched";
    }

    /** The counts a leaked key's containment alone does not reach. */
    String beyondTheKey() {
        return identitiesDenied + " of " + identitiesTotal + " backdoor identities denied; " + stacklessStopped + " of "
                + stacklessTotal + " launches in regions without a Tourniquet stack contained";
    }
}
