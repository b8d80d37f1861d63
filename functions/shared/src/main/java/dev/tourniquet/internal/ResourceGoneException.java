package dev.tourniquet.internal;

/** The resource a signal names does not exist (any more) in this account: nothing to act on, no retry. */
public final class ResourceGoneException extends RuntimeException {
    public ResourceGoneException(String message) {
        super(message);
    }
}
