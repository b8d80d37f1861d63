package dev.tourniquet.cli.local;

/** Bad arguments or input: the message says what and how to fix it; exit status 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
