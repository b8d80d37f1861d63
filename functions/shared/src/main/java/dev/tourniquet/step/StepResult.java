package dev.tourniquet.step;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;

/** What one step did. Every result that read the resource carries its prior state. */
public sealed interface StepResult {

    /** A short word for logs and records: applied, already_applied, planned, skipped, failed. */
    String word();

    String detail();

    /** Changed the resource; {@code prior} is what it was before. */
    record Applied(ObjectNode prior, String detail) implements StepResult {
        public String word() {
            return "applied";
        }
    }

    /** The resource was already contained: nothing changed. */
    record AlreadyApplied(ObjectNode prior, String detail) implements StepResult {
        public String word() {
            return "already_applied";
        }
    }

    /** Plan mode: this is what would change; nothing did. */
    record Planned(ObjectNode prior, String detail) implements StepResult {
        public String word() {
            return "planned";
        }
    }

    /** Not applicable to this resource (nothing to cut, resource gone): nothing changed. */
    record Skipped(String detail) implements StepResult {
        public String word() {
            return "skipped";
        }
    }

    /**
     * The step threw; {@code failure} says whether a retry may help. {@code prior} is the state before a change
     * the step had started (which may have been made), or null when it failed before changing anything.
     */
    record Failed(Failure failure, ObjectNode prior) implements StepResult {
        public Failed(Failure failure) {
            this(failure, null);
        }

        public String word() {
            return "failed";
        }

        public String detail() {
            return failure.message();
        }
    }
}
