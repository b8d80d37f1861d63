package dev.tourniquet.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks at the same moment, as EventBridge delivers duplicates: a fixed pool with a thread per task, each
 * thread waiting on one start latch, so that every task is ready before any begins and they really overlap.
 */
final class Concurrently {
    private Concurrently() {}

    /** The tasks' results in the order of {@code tasks}; a task that throws fails the test. */
    static <T> List<T> run(List<Callable<T>> tasks) {
        CountDownLatch ready = new CountDownLatch(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, tasks.size()))) {
            for (Callable<T> task : tasks) {
                running.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return task.call();
                }));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the threads did not start");
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : running) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("a concurrent delivery failed: " + e.getCause(), e);
        }
    }
}
