package dev.tourniquet.flow;

import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The resources of one kind that appeared (were created, or last changed or started) in a region between two times,
 * as the service itself reports it — without waiting for CloudTrail — and the signal that holds or contains one.
 * Tourniquet's own resources (exact ARN) are never listed.
 */
interface AppearedResources {
    /** {@code function} or {@code instance}: the provenance resource type, and the exposure holds' kind. */
    String kind();

    /** What appeared in {@code region} at or after {@code from} and not after {@code to}. */
    List<Appeared> list(String region, Instant from, Instant to);

    /**
     * The signal for one resource.
     *
     * @param creator its creator's record, when provenance names one
     */
    Signal signal(Origin origin, String resourceId, String region, String reason, Optional<Provenance> creator);

    /**
     * One resource that appeared.
     *
     * @param explainedBy other resources whose provenance records explain it too (the Spot request that launched an
     *                    instance: CloudTrail names the request's caller, not the instance's)
     */
    record Appeared(String resourceId, String region, String accountId, Instant at, List<String> explainedBy) {
        public Appeared {
            explainedBy = List.copyOf(explainedBy);
        }

        public Appeared(String resourceId, String region, String accountId, Instant at) {
            this(resourceId, region, accountId, at, List.of());
        }
    }
}
