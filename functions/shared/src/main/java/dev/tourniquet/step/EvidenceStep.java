package dev.tourniquet.step;

/**
 * A step that only keeps evidence (descriptions, code) and changes nothing in the account: there is nothing to undo,
 * and its objects are locked in the evidence bucket for the retention period ({@link EvidenceObjects} lists them).
 */
public interface EvidenceStep extends Step {

    @Override
    default String undo() {
        return "nothing to undo: evidence is kept, locked, for the retention period";
    }
}
