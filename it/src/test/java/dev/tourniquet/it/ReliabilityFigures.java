package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.FaultProxy;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The README's reliability table, from the runs of {@link FaultIT}: written to
 * {@code it/target/reliability/figures.md}, which {@code ./tourniquet reliability} copies into the README.
 *
 * <p>The lanes ({@link FaultLanes}) play their scenarios in separate JVMs: each JVM keeps its runs in a file of its
 * own in the run directory, and rewrites the table from every JVM's file (under a lock), so the lane that finishes
 * last leaves the table of every run.
 */
final class ReliabilityFigures {
    private ReliabilityFigures() {}

    static void write(double rate, List<FaultRun> runs) {
        Path dir = Emulator.root().resolve("it/target/reliability");
        try {
            Files.createDirectories(FaultLanes.RUN);
            try (FileChannel lock = FileChannel.open(FaultLanes.RUN.resolve("figures.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var held = lock.lock()) {
                Files.writeString(FaultLanes.RUN.resolve("runs-" + ProcessHandle.current().pid() + ".jsonl"),
                        lines(rate, runs));
                List<FaultRun> all = new ArrayList<>();
                try (Stream<Path> files = Files.list(FaultLanes.RUN)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith("runs-")).sorted().toList()) {
                        Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(ReliabilityFigures::read)
                                .forEach(all::add);
                    }
                }
                Path figures = dir.resolve("figures.md");
                Path written = Files.writeString(dir.resolve("figures.md.tmp"), table(rate, all));
                Files.move(written, figures, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reliability figures", e);
        }
    }

    static String table(double rate, List<FaultRun> runs) {
        Map<String, List<FaultRun>> byScenario = new LinkedHashMap<>();
        runs.forEach(run -> byScenario.computeIfAbsent(run.scenario(), s -> new ArrayList<>()).add(run));
        StringBuilder table = new StringBuilder();
        table.append("| scenario | fault rate | runs | contained | dead-lettered | duplicates | unclassified |"
                + " calls | faults injected |\n|---|---|---|---|---|---|---|---|---|\n");
        byScenario.forEach((scenario, list) -> table.append(String.format(java.util.Locale.ROOT,
                "| %s | %.0f %% | %d | %d | %d | %d | %d | %d | %d |%n", scenario, rate * 100, list.size(),
                list.stream().filter(FaultRun::contained).count(),
                list.stream().filter(r -> r.deadLettered() > 0).count(),
                list.stream().mapToInt(FaultRun::duplicates).sum(),
                list.stream().mapToInt(FaultRun::unclassified).sum(),
                list.stream().mapToLong(FaultRun::calls).sum(),
                list.stream().mapToLong(r -> r.injected().values().stream().mapToLong(Long::longValue).sum()).sum())));
        table.append("\nMeasured ").append(LocalDate.now()).append(" by `FaultIT` (").append(runs.size())
                .append(" seeded runs; faults: throttled, 5xx, connection reset, applied with the answer lost as a 5xx,"
                        + " applied with the answer never coming).\n");
        return table.toString();
    }

    // One run per line; the rate is the same for every run of one command.
    private static String lines(double rate, List<FaultRun> runs) {
        StringBuilder lines = new StringBuilder();
        synchronized (runs) {
            for (FaultRun run : runs) {
                ObjectNode line = Json.object().put("scenario", run.scenario()).put("seed", run.seed())
                        .put("contained", run.contained()).put("deadLettered", run.deadLettered())
                        .put("duplicates", run.duplicates()).put("unclassified", run.unclassified())
                        .put("calls", run.calls()).put("rate", rate);
                ObjectNode injected = line.putObject("injected");
                run.injected().forEach((fault, count) -> injected.put(fault.name(), count));
                lines.append(line).append('\n');
            }
        }
        return lines.toString();
    }

    private static FaultRun read(String line) {
        try {
            JsonNode run = Json.MAPPER.readTree(line);
            Map<FaultProxy.Fault, Long> injected = new EnumMap<>(FaultProxy.Fault.class);
            run.path("injected").properties().forEach(e -> injected.put(FaultProxy.Fault.valueOf(e.getKey()),
                    e.getValue().asLong()));
            return new FaultRun(run.path("scenario").asText(), run.path("seed").asLong(),
                    run.path("contained").asBoolean(), run.path("deadLettered").asInt(), run.path("duplicates").asInt(),
                    run.path("unclassified").asInt(), run.path("calls").asLong(), injected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a fault run: " + line, e);
        }
    }
}
