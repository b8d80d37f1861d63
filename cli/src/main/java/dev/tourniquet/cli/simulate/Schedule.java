package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;

/** What is due when on the simulated clock; things due at the same time keep the order they were added in. */
final class Schedule {
    private final PriorityQueue<Due> queue = new PriorityQueue<>(
            Comparator.comparing(Due::at).thenComparingLong(Due::order));
    private long added;

    record Due(Duration at, long order, Happening what) {
    }

    void add(Duration at, Happening what) {
        queue.add(new Due(at, added++, what));
    }

    Optional<Due> next() {
        return Optional.ofNullable(queue.poll());
    }
}
