package dev.tourniquet.internal;

/**
 * A change was applied but re-reading does not show it yet (IAM takes seconds to propagate). Transient:
 * the event is retried and the step, finding the change in place, reports it already applied.
 */
public final class NotYetConsistentException extends RuntimeException {
    public NotYetConsistentException(String message) {
        super(message);
    }
}
