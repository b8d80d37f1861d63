package dev.tourniquet.step;

/** Whether a kind of step is undone by a release: by its {@link Reversal}, or never, for a stated reason. */
public sealed interface Reversibility {

    /** {@code ./tourniquet release} runs the reversal with the step's recorded prior state. */
    record Reversible(Reversal reversal) implements Reversibility {
        public Reversible {
            java.util.Objects.requireNonNull(reversal, "reversal");
        }
    }

    /** Nothing is undone (evidence is kept, an announcement cannot be taken back): the reason says why. */
    record Irreversible(String reason) implements Reversibility {
        public Irreversible {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an irreversible step kind must say why");
            }
        }
    }
}
