package dev.tourniquet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's reliability table, from the runs of {@link FaultIT}: written to
 * {@code it/target/reliability/figures.md}, which {@code ./tourniquet reliability} copies into the README.
 */
final class ReliabilityFigures {
    private ReliabilityFigures() {}

    static void write(double rate, List<FaultRun> runs) {
        Map<String, List<FaultRun>> byScenario = new LinkedHashMap<>();
        runs.forEach(run -> byScenario.computeIfAbsent(run.scenario(), s -> new java.util.ArrayList<>()).add(run));
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
        Path dir = Emulator.root().resolve("it/target/reliability");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("figures.md"), table.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reliability figures", e);
        }
    }
}
