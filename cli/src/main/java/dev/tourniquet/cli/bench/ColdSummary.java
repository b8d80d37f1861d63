package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tourniquet.internal.Json;
import java.util.List;

/** The medians and peaks of a series of cold runs; NaN where no run measured a value. */
record ColdSummary(List<ColdRun.Sample> samples) {

    static ColdSummary of(List<ColdRun.Sample> samples) {
        return new ColdSummary(List.copyOf(samples));
    }

    /** Median milliseconds to the key verified inactive, over the runs that contained their key. */
    double toContained() {
        List<Double> values = samples.stream().filter(ColdRun.Sample::contained)
                .map(ColdRun.Sample::millisToContained).toList();
        return values.isEmpty() ? Double.NaN : Statistics.median(values);
    }

    double toExit() {
        List<Double> values = samples.stream().map(ColdRun.Sample::millisToExit).toList();
        return values.isEmpty() ? Double.NaN : Statistics.median(values);
    }

    /** The highest peak RSS of any run, in MB (1024 × 1024 bytes). */
    double peakRssMb() {
        return highest(samples.stream().map(ColdRun.Sample::peakRssKb).toList()) / 1024;
    }

    double heapUsedMb() {
        return highest(samples.stream().map(ColdRun.Sample::heapUsedKb).toList()) / 1024;
    }

    /** Median CPU milliseconds (user + system, every thread) of a run. */
    double cpuMillis() {
        List<Long> values = samples.stream().map(ColdRun.Sample::cpuMillis).filter(v -> v >= 0).toList();
        return values.isEmpty() ? Double.NaN : Statistics.median(values);
    }

    ArrayNode toJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        samples.forEach(s -> array.addObject().put("millisToContained", round(s.millisToContained()))
                .put("millisToExit", round(s.millisToExit())).put("peakRssKb", s.peakRssKb())
                .put("heapUsedKb", s.heapUsedKb()).put("cpuMillis", s.cpuMillis()).put("exitCode", s.exitCode()));
        return array;
    }

    private static double highest(List<Long> kilobytes) {
        List<Long> known = kilobytes.stream().filter(v -> v >= 0).toList();
        return known.isEmpty() ? Double.NaN : Statistics.max(known);
    }

    private static Double round(double value) {
        return Double.isNaN(value) ? null : Math.round(value * 10) / 10.0;
    }
}
