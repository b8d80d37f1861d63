package dev.tourniquet.signal;

import java.time.Instant;
import java.util.Optional;

/** The caller of one CloudTrail record, and what it says of every resource the call created or changed. */
record CloudTrailCaller(String eventId, String eventName, Instant time, String region, String accountId,
                        Optional<String> accessKeyId, String principalArn, String principalType) {

    Provenance provenance(String resourceType, String resourceId) {
        return provenance(resourceType, resourceId, java.util.Map.of());
    }

    /** A record with what undoing it needs ({@link Provenance#details()}). */
    Provenance provenance(String resourceType, String resourceId, java.util.Map<String, String> details) {
        return new Provenance(eventId, eventName, time, region, accountId, resourceType, resourceId, accessKeyId,
                principalArn, principalType, details);
    }

    /** The ARN partition of the call: from the caller's own ARN, which CloudTrail always writes in full. */
    String partition() {
        String[] parts = principalArn.split(":", 3);
        return parts.length == 3 && "arn".equals(parts[0]) ? parts[1]
                : dev.tourniquet.internal.Partitions.ofRegion(region);
    }
}
