package dev.tourniquet.cli.simulate;

/**
 * The simulation's verdict, from the emulator's state at the end: every attacker resource contained and
 * no owner resource touched.
 */
record Verdict(int attackerContained, int attackerTotal, int ownerUntouched, int ownerTotal) {

    static Verdict of(SimulationResult result) {
        return new Verdict((int) result.attacker().stream().filter(AttackerOutcome::contained).count(),
                result.attacker().size(), (int) result.owner().stream().filter(OwnerOutcome::untouched).count(),
                result.owner().size());
    }

    boolean allContained() {
        return attackerContained == attackerTotal;
    }

    boolean noOwnerTouched() {
        return ownerUntouched == ownerTotal;
    }

    boolean passed() {
        return allContained() && noOwnerTouched();
    }

    String summary() {
        return (passed() ? "PASS" : "FAIL") + ": " + attackerContained + " of " + attackerTotal
                + " attacker resources contained; " + ownerUntouched + " of " + ownerTotal
                + " owner resources untouched";
    }
}
