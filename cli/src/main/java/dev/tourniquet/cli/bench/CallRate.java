package dev.tourniquet.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Calls per second per region, counted from the moments the calls were sent: how close a sweep came to
 * a per-region limit such as Lambda's 15 control-plane requests per second.
 *
 * <p>Two counts per region: the busiest whole second (seconds counted from the first call of the run,
 * in every region alike) and the busiest one-second window starting at any call (the stricter count:
 * a limit enforced over any rolling second is never exceeded when this one stays within it).
 */
final class CallRate {
    private static final long SECOND = 1_000_000_000L;

    private CallRate() {}

    /** One call leaving for a region at {@code nanos} ({@link System#nanoTime()}). */
    record Sent(String region, long nanos) {
    }

    /**
     * One region's counts.
     *
     * @param perSecond calls in each whole second since the run's first call (index 0 is the first second)
     */
    record RegionRate(String region, int calls, int busiestSecond, int busiestWindow, List<Integer> perSecond) {
    }

    /** The counts of every region that was called, by region name. */
    static List<RegionRate> of(List<Sent> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        long origin = sent.stream().mapToLong(Sent::nanos).min().orElseThrow();
        Map<String, List<Long>> byRegion = new TreeMap<>();
        sent.forEach(s -> byRegion.computeIfAbsent(s.region(), r -> new ArrayList<>()).add(s.nanos()));
        List<RegionRate> rates = new ArrayList<>();
        byRegion.forEach((region, times) -> rates.add(rate(region, times, origin)));
        return rates;
    }

    /** The highest busiest-window count of any region (0 when nothing was sent). */
    static int busiestWindow(List<RegionRate> rates) {
        return rates.stream().mapToInt(RegionRate::busiestWindow).max().orElse(0);
    }

    private static RegionRate rate(String region, List<Long> times, long origin) {
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        List<Integer> perSecond = new ArrayList<>();
        for (long t : sorted) {
            int second = (int) ((t - origin) / SECOND);
            while (perSecond.size() <= second) {
                perSecond.add(0);
            }
            perSecond.set(second, perSecond.get(second) + 1);
        }
        int busiestSecond = perSecond.stream().max(Comparator.naturalOrder()).orElse(0);
        return new RegionRate(region, sorted.length, busiestSecond, busiestWindow(sorted), List.copyOf(perSecond));
    }

    // For each call, how many calls (itself included) left within the second that starts with it.
    static int busiestWindow(long[] sorted) {
        int busiest = 0;
        int end = 0;
        for (int start = 0; start < sorted.length; start++) {
            while (end < sorted.length && sorted[end] - sorted[start] < SECOND) {
                end++;
            }
            busiest = Math.max(busiest, end - start);
        }
        return busiest;
    }
}
