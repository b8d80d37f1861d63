package dev.tourniquet.cli.bench;

import java.util.Arrays;
import java.util.Collection;

/** The few statistics the benchmark reports, over samples in any unit. */
final class Statistics {
    private Statistics() {}

    /**
     * The nearest-rank percentile: the smallest sample with at least {@code p} percent of the samples at
     * or below it (p50 of 1..10 is 5, p99 of 200 samples is the 198th). No interpolation: every reported
     * value is one that was measured.
     *
     * @param p in (0, 100]
     * @throws IllegalArgumentException when there are no samples or p is out of range
     */
    static double percentile(Collection<? extends Number> samples, double p) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " is not in (0, 100]");
        }
        double[] sorted = sorted(samples);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The middle sample, or the mean of the two middle samples of an even count. */
    static double median(Collection<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        double[] sorted = sorted(samples);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static double max(Collection<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max()
                .orElseThrow(() -> new IllegalArgumentException("no samples"));
    }

    static double sum(Collection<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).sum();
    }

    /** {@code numerator ÷ denominator}; NaN when the denominator is zero (shown as "n/a", never a pass). */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? Double.NaN : numerator / denominator;
    }

    private static double[] sorted(Collection<? extends Number> samples) {
        double[] values = samples.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(values);
        return values;
    }
}
