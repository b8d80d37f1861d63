package dev.tourniquet.cli.simulate;

import java.util.Optional;

/**
 * What one attacker call came to.
 *
 * @param call      the call
 * @param succeeded false when the key could not act or the call failed
 * @param text      what happened, for the timeline
 * @param millis    measured wall time of the call (0 when it was refused before any call)
 * @param trail     the CloudTrail record of a successful write call
 * @param created   the resource it created, if any
 */
record CallOutcome(AttackerCall call, boolean succeeded, String text, long millis, Optional<CloudTrailRecord> trail,
                   Optional<AttackerResource> created) {

    static CallOutcome refused(AttackerCall call, String text) {
        return new CallOutcome(call, false, text, 0, Optional.empty(), Optional.empty());
    }
}
