package dev.tourniquet.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Lists every region side by side. A hold's or an inventory's listing reads several services in each of some twenty
 * regions; one region after another, their round trips add up to tens of seconds before the first stop (the workload
 * hold's four services took 23 s in {@code ./tourniquet simulate}), where side by side they take as long as the
 * slowest region. Only reads run here: what is held or judged is then done in region order by the caller, as before.
 * Platform threads, as in {@link RegionalSweep}.
 */
final class RegionalListing {
    private static final int MAX_THREADS = 8;

    private RegionalListing() {}

    /** One region's listing: what it found, or why it could not be listed (the caller logs it and goes on). */
    record Listed<T>(String region, List<T> found, Optional<RuntimeException> failure) {
    }

    /** Each region's listing by {@code list}, in the order of {@code regions}. */
    static <T> List<Listed<T>> of(List<String> regions, Function<String, List<T>> list) {
        if (regions.size() <= 1) {
            return regions.stream().map(region -> listed(region, list)).toList();
        }
        List<Future<Listed<T>>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, regions.size()))) {
            for (String region : regions) {
                running.add(pool.submit(() -> listed(region, list)));
            }
            List<Listed<T>> listed = new ArrayList<>();
            for (Future<Listed<T>> region : running) {
                listed.add(region.get());
            }
            return listed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing the regions", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a region's listing failed: " + e.getCause(), e.getCause());
        }
    }

    private static <T> Listed<T> listed(String region, Function<String, List<T>> list) {
        try {
            return new Listed<>(region, list.apply(region), Optional.empty());
        } catch (RuntimeException e) {
            return new Listed<>(region, List.of(), Optional.of(e));
        }
    }
}
