package dev.tourniquet.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for work handed to a pool: its results in order, or what broke it, named. */
final class Futures {
    private Futures() {}

    /** @param what the work, for the message when it breaks ("creating the scene's functions") */
    static <T> List<T> all(List<Future<T>> futures, String what) {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
