package dev.tourniquet.flow;

import dev.tourniquet.internal.Failure;
/**
 * Thrown by a handler so that Lambda retries the delivery and finally dead-letters it: either a
 * transient failure, or containment that failed (after the alert was sent).
 */
public final class IncidentFailedException extends RuntimeException {
    private final Failure failure;

    public IncidentFailedException(String incidentId, Failure failure) {
        super(incidentId + ": " + failure.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + failure.message());
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
