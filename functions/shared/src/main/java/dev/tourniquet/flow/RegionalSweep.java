package dev.tourniquet.flow;

import dev.tourniquet.signal.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs a sweep's incidents region by region, the regions side by side: two threads per region, taking
 * the region's signals in turn. Control-plane limits are per region ({@link RatePacer}), so a sweep over
 * five regions then takes as long as its busiest region instead of the five one after another, and the
 * second thread of a region keeps its pacer busy while the first writes evidence and records
 * ({@code ./tourniquet bench}, 20 functions over 5 regions: 5.2 times the pacing floor in one thread,
 * 1.20 with one thread per region). The pacer, not the thread count, keeps each region within its limit.
 * Platform threads, not virtual ones: Java 21 pins a virtual thread blocked inside {@code synchronized},
 * and Lambda may give the function a single carrier.
 */
final class RegionalSweep {
    private static final int THREADS_PER_REGION = 2;
    private static final int MAX_THREADS = 16;

    private RegionalSweep() {}

    /**
     * What one signal's response gave: a value or the exception it threw; or, not {@code started}, nothing at all
     * (the sweep's budget ran out before its turn: its incident was not even claimed).
     */
    record Attempt<T>(T value, RuntimeException failure, boolean started) {
        Attempt(T value, RuntimeException failure) {
            this(value, failure, true);
        }

        static <T> Attempt<T> notStarted() {
            return new Attempt<>(null, null, false);
        }
    }

    /** The attempts in the order of {@code signals}. */
    static <T> List<Attempt<T>> run(List<Signal> signals, Function<Signal, T> respond) {
        return run(signals, SweepBudget.UNLIMITED, respond);
    }

    /**
     * The attempts in the order of {@code signals}; a signal whose turn comes when {@code budget} no longer allows a
     * start is not started (checked before each one, so what is in flight finishes and nothing is half-claimed).
     */
    static <T> List<Attempt<T>> run(List<Signal> signals, SweepBudget budget, Function<Signal, T> respond) {
        List<List<Integer>> lanes = lanes(signals);
        AtomicReferenceArray<Attempt<T>> attempts = new AtomicReferenceArray<>(signals.size());
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_THREADS, lanes.size())))) {
            for (List<Integer> lane : lanes) {
                running.add(pool.submit(() -> lane.forEach(i -> attempts.set(i,
                        budget.mayStart() ? attempt(respond, signals.get(i)) : Attempt.notStarted()))));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a sweep", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a sweep thread failed: " + e.getCause(), e.getCause());
        }
        List<Attempt<T>> inOrder = new ArrayList<>(signals.size());
        for (int i = 0; i < signals.size(); i++) {
            inOrder.add(attempts.get(i));
        }
        return inOrder;
    }

    // The indexes of the signals each thread takes: a region's signals dealt in turn to its threads.
    private static List<List<Integer>> lanes(List<Signal> signals) {
        Map<String, List<List<Integer>>> byRegion = new LinkedHashMap<>();
        for (int i = 0; i < signals.size(); i++) {
            List<List<Integer>> lanes = byRegion.computeIfAbsent(signals.get(i).origin().region(), r -> new ArrayList<>());
            int taken = lanes.stream().mapToInt(List::size).sum();
            if (lanes.size() < THREADS_PER_REGION) {
                lanes.add(new ArrayList<>());
            }
            lanes.get(taken % lanes.size()).add(i);
        }
        return byRegion.values().stream().flatMap(List::stream).toList();
    }

    static <T> Attempt<T> attempt(Function<Signal, T> respond, Signal signal) {
        try {
            return new Attempt<>(respond.apply(signal), null);
        } catch (RuntimeException e) {
            return new Attempt<>(null, e);
        }
    }
}
