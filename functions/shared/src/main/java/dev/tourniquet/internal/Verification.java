package dev.tourniquet.internal;

import java.util.function.BooleanSupplier;

/** Re-reads a resource until a change shows, with short growing pauses. */
public final class Verification {
    private static final long[] PAUSES_MILLIS = {0, 100, 250, 500, 1000, 2000};

    private Verification() {}

    /**
     * @param what  the change expected, for the error
     * @param shows re-reads the resource and says whether the change is visible
     * @throws NotYetConsistentException when it never shows
     */
    public static void until(String what, BooleanSupplier shows) {
        for (long pause : PAUSES_MILLIS) {
            sleep(pause);
            if (shows.getAsBoolean()) {
                return;
            }
        }
        throw new NotYetConsistentException("applied, but re-reading does not show it yet: " + what);
    }

    private static void sleep(long millis) {
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotYetConsistentException("interrupted while verifying");
        }
    }
}
