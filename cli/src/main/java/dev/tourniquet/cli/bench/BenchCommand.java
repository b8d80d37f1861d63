package dev.tourniquet.cli.bench;

import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.MotoServer;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.StructuredLog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code ./tourniquet bench [--quick] [--startup-options] [--out DIR]}: measures time to contain, cold
 * start, sweep pacing, artifact sizes and a burst of findings on a local moto server, prints a table with each target's pass or
 * fail and how each number was measured, and writes {@code bench.json}. Targets are reported, not
 * enforced: the exit status is 1 only when a measurement could not run.
 */
public final class BenchCommand {
    static final String USAGE = """
            usage: ./tourniquet bench [--quick] [--startup-options] [--only warm|cold|sweep|artifacts|load,...] [--out DIR]
            Measures Tourniquet on a local moto server and prints a table (targets: pass or FAIL) with the method
            of each measurement; writes DIR/bench.json (default DIR: target/bench).
              warm containment   200 exposed-key events in one JVM: handler time vs time inside AWS calls
              cold containment   10 fresh processes each of the credential function's jar and a boto3 script
              sweep pacing       Lambda calls in 5 regions through the RatePacer: wall time vs the 15/s floor
              sweep              a credential that created 1,000 functions in 5 regions is contained
              artifacts          each function's jar size and the memory it needs
              load               1,000 GuardDuty findings on as many functions in 5 regions, arriving in a minute
              --quick            20 warm events, 2 cold runs, a 20-function sweep, 50 findings: what the test
                                 command runs
              --startup-options  also measure each JVM start-up option on its own (before/after)
              --only             just these measurements (comma-separated; sweep includes sweep pacing)""";

    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    public BenchCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Arguments arguments = new Arguments(args, Set.of("--out", "--only"), Set.of("--quick", "--startup-options", "--help", "-h"));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("takes no arguments besides options (see --help)");
        }
        boolean startup = arguments.flag("--startup-options");
        BenchSettings settings = (arguments.flag("--quick") ? BenchSettings.quick(startup) : BenchSettings.full(startup))
                .only(arguments.option("--only").map(BenchSettings::parts).orElse(BenchSettings.PARTS));
        if (startup && !settings.includes("cold")) {
            throw new UsageException("--startup-options measures the cold runs: add cold to --only");
        }
        Path dir = arguments.option("--out").map(Path::of).orElse(root.resolve("target/bench")).toAbsolutePath();
        List<Measurement> measurements = new ArrayList<>();
        boolean broken;
        try (MotoServer server = MotoServer.start(root); PrintStream handlerLog = handlerLog(dir)) {
            StructuredLog.redirect(handlerLog);
            BenchAccount account = BenchAccount.provision(server.endpoint(), root);
            broken = measureAll(settings, account, dir, measurements);
            if (settings.includes("load")) {
                // On an empty account: the sweep's functions would lengthen every listing of a region's functions.
                server.reset();
                BenchAccount empty = BenchAccount.provision(server.endpoint(), root);
                broken |= measure(measurements, LoadContainment.NAME, () -> LoadContainment.run(empty, root,
                        settings.loadEvents(), settings.loadRegions()));
            }
        } finally {
            StructuredLog.redirect(err);
        }
        BenchReport report = new BenchReport(Machine.current(), settings.variant(), measurements);
        report.print(out);
        out.println();
        out.println("written: " + report.write(dir) + " (handler logs: " + dir.resolve("handler.log") + ")");
        return broken ? 1 : 0;
    }

    private boolean measureAll(BenchSettings settings, BenchAccount account, Path dir, List<Measurement> results) {
        boolean broken = false;
        if (settings.includes("warm")) {
            broken |= measure(results, WarmContainment.NAME, () -> new WarmContainment(account)
                    .run(settings.warmEvents(), settings.warmUp()));
        }
        // Without the cold runs, artifacts reports the jars and memory settings but not the measured memory and CPU.
        ColdContainment cold = new ColdContainment(account, root, dir);
        Optional<String> unavailable = cold.unavailable();
        if (settings.includes("cold") && unavailable.isPresent()) {
            results.add(Measurement.skipped(ColdContainment.NAME, "", unavailable.get()));
        } else if (settings.includes("cold")) {
            broken |= measure(results, ColdContainment.NAME, () -> cold.run(settings.coldRuns()));
            if (settings.startupOptions()) {
                broken |= measure(results, ColdContainment.STUDY, () -> cold.study(settings.coldRuns()));
            }
        }
        if (settings.includes("sweep")) {
            SweepContainment sweep = new SweepContainment(account, root);
            broken |= measure(results, SweepContainment.PACING, () -> sweep.pacing(settings.pacingCalls(),
                    settings.sweepRegions()));
            broken |= measure(results, SweepContainment.NAME, () -> sweep.run(settings.sweepFunctions(),
                    settings.sweepRegions()));
        }
        if (settings.includes("artifacts")) {
            broken |= measure(results, Artifacts.NAME, () -> new Artifacts(root).run(cold.javaSummary()));
        }
        return broken;
    }

    // One measurement that throws is reported as not run; the others still run.
    private boolean measure(List<Measurement> results, String name, Supplier<Measurement> measurement) {
        err.println("tourniquet bench: " + name + "...");
        try {
            results.add(measurement.get());
            return false;
        } catch (RuntimeException e) {
            results.add(Measurement.skipped(name, "", "could not run: " + e));
            return true;
        }
    }

    private static PrintStream handlerLog(Path dir) {
        try {
            Files.createDirectories(dir);
            return new PrintStream(Files.newOutputStream(dir.resolve("handler.log")), true,
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write in " + dir, e);
        }
    }

}
