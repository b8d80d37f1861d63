package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.playbook.FootprintJudge;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The simulation's verdict, from the emulator's state at the end: every attacker resource contained and
 * no owner resource touched. Among the attacker's resources it also counts the backdoor identities
 * (denied?) and what was launched in regions without a Tourniquet stack (stopped?), the parts a leaked key's
 * containment alone does not reach, and how many were stopped within 30 s of the later of their creation and the
 * key's detection ({@link StopClock}). The quiet theft ({@link Quiet}) is judged on what only the footprint can name:
 * the attacker's functions and instances outside it.
 */
record Verdict(int attackerContained, int attackerTotal, int ownerUntouched, int ownerTotal, int identitiesDenied,
               int identitiesTotal, int stacklessStopped, int stacklessTotal, int stoppedInTime, int timedTotal,
               Optional<Quiet> quiet) {

    /**
     * The quiet theft's reading: nobody reported the key, so only the owner's footprint names what it launched.
     *
     * @param footprintOn      whether a footprint was set (AllowedRegions …)
     * @param spendTotal       the attacker's functions and instances
     * @param outsideContained those outside the footprint that were contained
     * @param outsideTotal     those outside the footprint
     * @param keyState         the stolen key at the end, as the emulator shows it
     */
    record Quiet(boolean footprintOn, int spendTotal, int outsideContained, int outsideTotal, String keyState) {
    }

    static Verdict of(SimulationResult result) {
        return of(result, Optional.empty());
    }

    /**
     * The quiet theft's verdict: the attacker's functions and instances judged against {@code footprint} by their
     * region and shape ({@code profile}'s instance type and function memory and timeout), as the footprint's judge
     * would judge their CloudTrail records.
     */
    static Verdict quiet(SimulationResult result, AttackProfile profile, Footprint footprint) {
        FootprintJudge judge = new FootprintJudge(footprint, (region, type) -> OptionalInt.empty());
        List<AttackerOutcome> spend = result.attacker().stream().filter(o -> o.resource().kind()
                == AttackerResource.Kind.FUNCTION || o.resource().kind() == AttackerResource.Kind.INSTANCE).toList();
        List<AttackerOutcome> outside = spend.stream().filter(o -> footprint.isOn() && outside(judge, profile, o))
                .toList();
        String key = result.attacker().stream().filter(o -> o.resource().kind() == AttackerResource.Kind.ACCESS_KEY)
                .findFirst().map(o -> o.state()).orElse("unknown");
        return of(result, Optional.of(new Quiet(footprint.isOn(), spend.size(),
                (int) outside.stream().filter(AttackerOutcome::contained).count(), outside.size(), key)));
    }

    private static boolean outside(FootprintJudge judge, AttackProfile profile, AttackerOutcome outcome) {
        AttackerResource r = outcome.resource();
        return (r.kind() == AttackerResource.Kind.INSTANCE
                ? judge.judgeInstance(r.id(), r.region(), profile.instanceType())
                : judge.judgeFunction(r.id(), r.region(), profile.functionMemoryMb(), profile.executionSeconds()))
                .isPresent();
    }

    private static Verdict of(SimulationResult result, Optional<Quiet> quiet) {
        List<AttackerOutcome> attacker = result.attacker();
        Predicate<AttackerOutcome> identity = o -> o.resource().identity();
        return new Verdict(count(attacker, o -> true, true), attacker.size(),
                (int) result.owner().stream().filter(OwnerOutcome::untouched).count(), result.owner().size(),
                count(attacker, identity, true), count(attacker, identity, false),
                count(attacker, AttackerOutcome::stackless, true), count(attacker, AttackerOutcome::stackless, false),
                (int) attacker.stream().filter(o -> o.stoppedWithin(StopClock.TARGET)).count(),
                (int) attacker.stream().filter(o -> o.clockStart().isPresent()).count(), quiet);
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
        if (quiet.isPresent()) {
            Quiet q = quiet.get();
            return q.footprintOn() && q.outsideTotal() > 0 && q.outsideContained() == q.outsideTotal()
                    && noOwnerTouched();
        }
        return allContained() && noOwnerTouched();
    }

    String summary() {
        if (quiet.isPresent()) {
            return quietSummary(quiet.get());
        }
        return (passed() ? "PASS" : "FAIL") + ": " + attackerContained + " of " + attackerTotal
                + " attacker resources contained; " + stoppedInTime + " of " + timedTotal + " stopped within "
                + StopClock.TARGET.toSeconds() + " s of the later of their creation and the detection of the key; "
                + ownerUntouched + " of " + ownerTotal + " owner resources untouched";
    }

    // Without a footprint nothing names the miners: the verdict says so, the cost says what it would have cost.
    private String quietSummary(Quiet q) {
        String owner = ownerUntouched + " of " + ownerTotal + " owner resources untouched";
        if (!q.footprintOn()) {
            return "NOTHING CONTAINED: nothing reported it. The key was never reported (no AWS Health event) and"
                    + " GuardDuty is off, and no footprint is set; 0 of " + q.spendTotal() + " miners and GPU instances"
                    + " named, " + attackerContained + " of " + attackerTotal + " attacker resources contained; "
                    + owner;
        }
        return (passed() ? "PASS" : "FAIL") + ": " + q.outsideContained() + " of " + q.outsideTotal()
                + " attacker resources outside the footprint contained from their CloudTrail records alone (the key"
                + " never reported, GuardDuty off); " + owner;
    }

    /** The counts a leaked key's containment alone does not reach; for the quiet theft, the key's own fate. */
    String beyondTheKey() {
        if (quiet.isPresent()) {
            return "the stolen key, never reported, at the end: " + quiet.get().keyState();
        }
        return identitiesDenied + " of " + identitiesTotal + " backdoor identities denied; " + stacklessStopped + " of "
                + stacklessTotal + " launches in regions without a Tourniquet stack contained";
    }
}
