package dev.tourniquet.step;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every step of one incident shares, and what one step is about to change.
 *
 * @param incidentId the incident the step acts for (used in tags and policy names)
 * @param mode       plan changes nothing; enforce acts
 * @param startedAt  when the incident's run started (sessions issued before it are revoked)
 * @param evidence   where evidence steps put what they collect
 * @param changing   the prior state of the change the running step started (see {@link #changing})
 */
public record StepContext(String incidentId, Mode mode, Instant startedAt, Evidence evidence,
                          AtomicReference<ObjectNode> changing) {

    public StepContext(String incidentId, Mode mode, Instant startedAt, Evidence evidence) {
        this(incidentId, mode, startedAt, evidence, new AtomicReference<>());
    }

    public boolean planOnly() {
        return mode == Mode.PLAN;
    }

    /** The same incident's context for the next step, with nothing started yet. */
    StepContext forStep() {
        return new StepContext(incidentId, mode, startedAt, evidence, new AtomicReference<>());
    }

    /**
     * Says the step starts changing the resource, whose state before is {@code prior}. If the step then fails
     * (an answer lost, a verification that never showed the change), the change may have been made: the
     * failure is recorded with this prior state, and a release undoes it from there. Without it, a retry would
     * find the change in place and record the changed state as "prior".
     */
    public void changing(ObjectNode prior) {
        changing.set(prior.deepCopy());
    }

    /** The prior state of a change the step started, if it started one. */
    Optional<ObjectNode> startedChange() {
        return Optional.ofNullable(changing.get());
    }
}
