package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;

/** Something scheduled on the simulated clock. */
sealed interface Happening {

    /** The key is pushed to a public repository (T0). */
    record Leak() implements Happening {
    }

    /** One call of the attacker's script. */
    record Call(AttackerCall call) implements Happening {
    }

    /** LLMjacking: the attacker's minute of Bedrock invocations with the leaked key ({@link Llmjacking}). */
    record Invoke() implements Happening {
    }

    /** The attacker's 3-minute loop comes round. */
    record Loop() implements Happening {
    }

    /** A mining function runs (its first run, then one every 3 minutes from the attacker's rule). */
    record MiningRun(AttackerResource function, int run) implements Happening {
    }

    /**
     * AWS emits an event; built when it is due, so it shows the resource as it is then.
     *
     * @param reportsKey the access key the event reports compromised or exposed, if it does
     */
    record Signal(String label, Supplier<ObjectNode> event, java.util.Optional<String> reportsKey) implements Happening {
        Signal(String label, Supplier<ObjectNode> event) {
            this(label, event, java.util.Optional.empty());
        }
    }
}
