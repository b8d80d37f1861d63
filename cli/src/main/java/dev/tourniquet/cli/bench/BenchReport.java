package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Prints the benchmark's table with each measurement's method, and writes the same as bench.json. */
final class BenchReport {
    private final Machine machine;
    private final String variant;
    private final List<Measurement> measurements;

    BenchReport(Machine machine, String variant, List<Measurement> measurements) {
        this.machine = machine;
        this.variant = variant;
        this.measurements = List.copyOf(measurements);
    }

    void print(PrintStream out) {
        int nameWidth = Math.max(11, measurements.stream().mapToInt(m -> m.name().length()).max().orElse(0));
        int metricWidth = Math.max(6, measurements.stream().flatMap(m -> m.metrics().stream())
                .mapToInt(m -> m.name().length()).max().orElse(0));
        String row = "%-" + nameWidth + "s  %-" + metricWidth + "s  %12s  %10s  %s%n";
        out.printf("tourniquet bench (%s): %s%n", variant, machine.line());
        out.println("AWS is emulated by moto server on this machine: AWS-call times are the emulator's, not AWS's.");
        out.println();
        out.printf(row, "measurement", "metric", "value", "target", "result");
        for (Measurement measurement : measurements) {
            String name = measurement.name();
            if (measurement.skipped().isPresent()) {
                out.printf("%-" + nameWidth + "s  skipped: %s%n", name, measurement.skipped().get());
                continue;
            }
            for (Metric metric : measurement.metrics()) {
                out.printf(row, name, metric.name(), value(metric.value(), metric.unit()),
                        metric.target().map(limit -> "≤ " + value(limit, metric.unit())).orElse(""), metric.verdict());
                name = "";
            }
        }
        out.println();
        out.println("method");
        measurements.forEach(m -> out.println("  " + m.name() + ": " + m.method()));
    }

    Path write(Path dir) {
        ObjectNode json = Json.object().put("variant", variant);
        json.set("machine", machine.toJson());
        ArrayNode array = json.putArray("measurements");
        measurements.forEach(m -> array.add(m.toJson()));
        Path file = dir.resolve("bench.json");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, Json.pretty(json) + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A value as printed: ms and MB with one decimal, ratios and seconds with two, counts whole. */
    static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (unit) {
            case "ms", "MB" -> String.format("%.1f %s", value, unit);
            case "x", "s" -> String.format("%.2f %s", value, unit);
            default -> value == Math.rint(value) ? String.format("%.0f", value) : String.format("%.2f", value);
        };
    }
}
