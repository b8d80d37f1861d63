package dev.tourniquet.flow;

import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.List;

/**
 * The expensive compute of one kind in one region that is outside the owner's footprint, as the service reports it
 * now (judged with {@link dev.tourniquet.playbook.FootprintJudge}), and the signal that holds one. Tourniquet's own
 * resources (exact ARN) are never listed.
 */
interface FootprintListing {
    /** {@code function} or {@code instance}: the provenance resource type, and the holds' kind. */
    String kind();

    /** What in {@code region} is outside the footprint now. */
    List<Outside> list(String region);

    /** The signal that holds one resource (its origin says it is a footprint hold). */
    Signal signal(Origin origin, String resourceId, String region, String reason);

    /**
     * One resource outside the footprint.
     *
     * @param appearedAt  when it appeared, as its service reports it (a function's last change, an instance's first
     *                    launch)
     * @param explainedBy other resources whose records explain it too (the Spot request, fleet or group that launched
     *                    an instance: CloudTrail names their caller, not the instance's)
     */
    record Outside(String resourceId, String region, String accountId, Instant appearedAt, FootprintBreach breach,
                   List<String> explainedBy) {
        public Outside {
            explainedBy = List.copyOf(explainedBy);
        }
    }
}
