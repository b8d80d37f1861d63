package dev.tourniquet.flow;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import java.util.List;

/**
 * What a sweep found for a contained credential, judged against its exposure window and, for a credential
 * implicated only as a creator, against the flagged resource's shape and the count.
 *
 * @param contain      contained as before (each its own incident)
 * @param hold         held beyond the creator count: the one stopping call only, until a person confirms or releases
 * @param provisional  appeared inside the exposure window with no creator recorded yet: the one stopping call only
 *                     ({@link dev.tourniquet.signal.ChainEvents#EXPOSURE_HOLD}), until provenance clears or names it
 * @param beforeWindow what the credential created or changed only before its window: listed for a human, never touched
 * @param unlike       what it made inside the window that is not of the flagged resource's shape (or whose shape could
 *                     not be read): listed, never touched
 */
public record Swept(List<Signal> contain, List<Signal> hold, List<Signal> provisional, List<Provenance> beforeWindow, List<Provenance> unlike) {
    public static final Swept NONE = new Swept(List.of(), List.of(), List.of(), List.of(), List.of());

    public Swept {
        contain = List.copyOf(contain);
        hold = List.copyOf(hold);
        provisional = List.copyOf(provisional);
        beforeWindow = List.copyOf(beforeWindow);
        unlike = List.copyOf(unlike);
    }

    /** The same, without what was held provisionally. */
    public Swept(List<Signal> contain, List<Signal> hold, List<Provenance> beforeWindow, List<Provenance> unlike) {
        this(contain, hold, List.of(), beforeWindow, unlike);
    }

    /** Everything found inside the window, contained first. */
    public List<Signal> acted() {
        return java.util.stream.Stream.of(contain, hold, provisional).flatMap(List::stream).toList();
    }

    /** Whether a person should hear of what was left or held. */
    public boolean listsAnything() {
        return !hold.isEmpty() || !provisional.isEmpty() || !beforeWindow.isEmpty() || !unlike.isEmpty();
    }
}
