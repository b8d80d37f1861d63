package dev.tourniquet.step.events;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of chain-event step: an announcement on Tourniquet's own bus. */
public final class ChainEventStepKinds {
    private static final String KEPT = "an announcement cannot be taken back: the receiving function records, and"
            + " a release undoes, its own actions";

    public static final StepKind EMIT_CREDENTIAL_CONTAINED = StepKind.irreversible("emit-credential-contained",
            List.of("events:PutEvents"), KEPT);
    public static final StepKind EMIT_CREDENTIAL_COMPROMISED = StepKind.irreversible("emit-credential-compromised",
            List.of("events:PutEvents"), KEPT);

    private ChainEventStepKinds() {}

    public static List<StepKind> all() {
        return List.of(EMIT_CREDENTIAL_CONTAINED, EMIT_CREDENTIAL_COMPROMISED);
    }
}
