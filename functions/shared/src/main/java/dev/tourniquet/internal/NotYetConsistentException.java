package dev.tourniquet.internal;

/**
 * A change was applied but re-reading does not show it yet (IAM takes seconds to propagate), or cannot be made yet
 * (a notebook still Pending cannot be stopped). Transient: the event is retried and the step, finding the change in
 * place, reports it already applied, or makes it now.
 */
public final class NotYetConsistentException extends RuntimeException {
    public NotYetConsistentException(String message) {
        super(message);
    }
}
