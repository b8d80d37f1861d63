package dev.tourniquet.cli.bench;

import java.util.Map;

/**
 * The shortest time a sweep can take when every region allows at most {@code requestsPerSecond} calls:
 * regions are paced independently, so the region with the most calls sets the floor,
 * {@code max(calls in a region) ÷ requestsPerSecond} seconds.
 *
 * @param requestsPerSecond the per-region limit (Lambda's control plane: 15)
 */
record PacingFloor(double requestsPerSecond) {

    PacingFloor {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive: " + requestsPerSecond);
        }
    }

    /** Lambda's control-plane limit: 15 requests per second per region, across all its APIs. */
    static PacingFloor lambda() {
        return new PacingFloor(15);
    }

    double floorSeconds(Map<String, Integer> callsPerRegion) {
        int busiest = callsPerRegion.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return busiest / requestsPerSecond;
    }

    /** Wall time ÷ floor: 1.0 is as fast as the limit allows; NaN when nothing was called. */
    double ratio(double wallSeconds, Map<String, Integer> callsPerRegion) {
        return Statistics.ratio(wallSeconds, floorSeconds(callsPerRegion));
    }

    /** Whether a busiest-window count stays within the limit. */
    boolean withinLimit(int callsInAnySecond) {
        return callsInAnySecond <= requestsPerSecond;
    }
}
