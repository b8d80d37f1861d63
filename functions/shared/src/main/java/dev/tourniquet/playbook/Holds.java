package dev.tourniquet.playbook;

import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.step.StepKind;
import java.util.List;

/**
 * Whose a change that may undo a containment is. A rule enabled again or a schedule updated may undo a quarantined
 * function's trigger cut or a contained workload's: both functions receive it, and incident ids are per event and
 * resource, so only the function whose step the incident holds may take it, or the other's record-only incident would
 * claim it first.
 */
final class Holds {
    private Holds() {}

    /**
     * Whether a change is a function's: before its holds are read, any (the guard reads them); after, only when one of
     * the held steps is of {@code kinds}.
     */
    static boolean anyOf(ContainmentUndone undone, List<StepKind> kinds) {
        return undone.hold().map(hold -> hold.steps().stream()
                .anyMatch(held -> kinds.stream().anyMatch(kind -> kind.id().equals(held.step())))).orElse(true);
    }
}
