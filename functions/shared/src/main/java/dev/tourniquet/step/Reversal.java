package dev.tourniquet.step;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;

/**
 * How to undo one kind of step from the prior state it recorded: {@code ./tourniquet release} runs it
 * for every step an incident applied, newest first. A {@link StepKind} names its reversal; evidence kinds
 * have none (evidence is never deleted).
 */
@FunctionalInterface
public interface Reversal {

    /**
     * Restores the recorded prior state.
     *
     * @param prior   the step's recorded prior state (as in the incident record)
     * @param target  the step's target
     * @param clients clients for the account being released
     * @return what was restored, for the release record
     */
    String release(JsonNode prior, String target, AwsClients clients);
}
