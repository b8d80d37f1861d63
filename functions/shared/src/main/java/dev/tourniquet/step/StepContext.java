package dev.tourniquet.step;

import dev.tourniquet.internal.Mode;
import java.time.Instant;

/**
 * What every step of one incident shares.
 *
 * @param incidentId the incident the step acts for (used in tags and policy names)
 * @param mode       plan changes nothing; enforce acts
 * @param startedAt  when the incident's run started (sessions issued before it are revoked)
 * @param evidence   where evidence steps put what they collect
 */
public record StepContext(String incidentId, Mode mode, Instant startedAt, Evidence evidence) {

    public boolean planOnly() {
        return mode == Mode.PLAN;
    }
}
