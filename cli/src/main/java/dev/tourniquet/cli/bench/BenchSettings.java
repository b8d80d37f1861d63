package dev.tourniquet.cli.bench;

import dev.tourniquet.cli.local.UsageException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How much the benchmark measures.
 *
 * @param variant        "full" or "quick"
 * @param warmEvents     measured events of the warm measurement
 * @param warmUp         unmeasured events before them
 * @param coldRuns       fresh processes per language (and per start-up option)
 * @param sweepFunctions functions the swept credential created
 * @param sweepRegions   regions they are spread over
 * @param pacingCalls    Lambda calls per region when the pacer is measured alone
 * @param loadEvents     GuardDuty findings in the load's burst (one per function, at 1,000 a minute)
 * @param loadRegions    regions the load's functions are spread over
 * @param startupOptions whether to measure each JVM start-up option on its own as well
 * @param parts          which measurements run: some of {@link #PARTS}
 */
record BenchSettings(String variant, int warmEvents, int warmUp, int coldRuns, int sweepFunctions, int sweepRegions,
                     int pacingCalls, int loadEvents, int loadRegions, boolean startupOptions, Set<String> parts) {
    static final Set<String> PARTS = Set.of("warm", "cold", "sweep", "artifacts", "load");

    BenchSettings {
        parts = Set.copyOf(parts);
    }

    static BenchSettings full(boolean startupOptions) {
        return new BenchSettings("full", 200, 20, 10, 1000, 5, 150, 1000, 5, startupOptions, PARTS);
    }

    /** Small enough for every test run: keeps the benchmark working, its numbers are not held to targets there. */
    static BenchSettings quick(boolean startupOptions) {
        return new BenchSettings("quick", 20, 5, 2, 20, 5, 15, 50, 5, startupOptions, PARTS);
    }

    /** The same settings, measuring only {@code chosen}. */
    BenchSettings only(Set<String> chosen) {
        return new BenchSettings(chosen.equals(PARTS) ? variant : variant + ", only " + String.join(", ",
                chosen.stream().sorted().toList()), warmEvents, warmUp, coldRuns, sweepFunctions, sweepRegions,
                pacingCalls, loadEvents, loadRegions, startupOptions, chosen);
    }

    boolean includes(String part) {
        return parts.contains(part);
    }

    /** Parses {@code --only}'s value ("cold", "warm,cold"); anything but the known parts is a usage error. */
    static Set<String> parts(String value) {
        List<String> names = Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
        List<String> unknown = names.stream().filter(name -> !PARTS.contains(name)).toList();
        if (names.isEmpty() || !unknown.isEmpty()) {
            throw new UsageException("--only takes some of warm, cold, sweep, artifacts, load (comma-separated), not '"
                    + value + "'");
        }
        return new LinkedHashSet<>(names);
    }
}
