package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.function.credential.ContainCredentialHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Measurement 2: fresh processes, each containing one exposed key. Java runs the credential function's
 * own shaded jar through {@link LocalInvoke}, started the best way this JDK offers; Python runs the
 * boto3 baseline {@code bench/baseline_contain_key.py}, which makes the same AWS calls. Runs alternate
 * (Java, Python, Java …) so that both meet the same machine load. {@link #study} runs Java alone under
 * each {@link StartupProfile}, to show what each start-up option is worth.
 */
final class ColdContainment {
    static final String NAME = "cold containment";
    static final String STUDY = "cold start-up options";
    static final double RATIO_TARGET = 1.0;
    static final double PEAK_RSS_TARGET_MB = 256;

    private final BenchAccount account;
    private final Path root;
    private final Path dir;
    private final Path functionJar;
    private final Optional<Path> python;
    private Path launcher;
    private ColdSummary javaSummary;

    ColdContainment(BenchAccount account, Path root, Path dir) {
        this.account = account;
        this.root = root;
        this.dir = dir.resolve("cold");
        this.functionJar = root.resolve("functions/contain-credential/target/contain-credential.jar");
        this.python = locatePython(root);
    }

    /** Why this measurement cannot run here, if it cannot. */
    Optional<String> unavailable() {
        return Files.isRegularFile(functionJar) ? Optional.empty()
                : Optional.of(functionJar + " is missing: build it first (mvn -q -DskipTests package)");
    }

    Measurement run(int runs) {
        StartupProfile profile = StartupProfile.best(dir, Runtime.version().feature());
        long trainingMillis = train(profile);
        List<ColdRun.Sample> java = new ArrayList<>();
        List<ColdRun.Sample> baseline = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < runs; i++) {
            failed += record(java, "java", event -> javaCommand(profile.flags(), event));
            if (python.isPresent()) {
                failed += record(baseline, "python", this::pythonCommand);
            }
        }
        ColdSummary j = ColdSummary.of(java);
        javaSummary = j;
        ColdSummary p = ColdSummary.of(baseline);
        List<Metric> metrics = List.of(
                Metric.of("Java: start → key inactive, median", j.toContained(), "ms"),
                Metric.of("Python boto3: start → key inactive, median", p.toContained(), "ms"),
                Metric.atMost("Java ÷ Python (start → key inactive)", Statistics.ratio(j.toContained(),
                        p.toContained()), "x", RATIO_TARGET),
                Metric.of("Java: process start → exit, median", j.toExit(), "ms"),
                Metric.of("Python boto3: process start → exit, median", p.toExit(), "ms"),
                Metric.of("Java: CPU time (all threads), median", j.cpuMillis(), "ms"),
                Metric.of("Python boto3: CPU time, median", p.cpuMillis(), "ms"),
                Metric.atMost("Java peak RSS (highest run)", j.peakRssMb(), "MB", PEAK_RSS_TARGET_MB),
                Metric.of("Python peak RSS (highest run)", p.peakRssMb(), "MB"),
                Metric.atMost("runs that did not contain their key", failed, "", 0));
        ObjectNode details = Json.object().put("runs", runs).put("profile", profile.name())
                .put("trainingMillis", trainingMillis).put("java", Runtime.version().toString())
                .put("functionJar", root.relativize(functionJar).toString());
        profile.flags().forEach(details.putArray("jvmFlags")::add);
        details.set("javaSamples", j.toJson());
        details.set("pythonSamples", p.toJson());
        return Measurement.of(NAME, method(runs, profile), metrics, details);
    }

    /** The Java runs of {@link #run}, once it ran. */
    Optional<ColdSummary> javaSummary() {
        return Optional.ofNullable(javaSummary);
    }

    Measurement study(int runs) {
        List<Metric> metrics = new ArrayList<>();
        ObjectNode details = Json.object().put("runs", runs);
        ArrayNode profiles = details.putArray("profiles");
        for (StartupProfile profile : StartupProfile.study(dir, Runtime.version().feature())) {
            train(profile);
            List<ColdRun.Sample> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                record(samples, "java", event -> javaCommand(profile.flags(), event));
            }
            ColdSummary summary = ColdSummary.of(samples);
            metrics.add(Metric.of(profile.name() + ": start → key inactive", summary.toContained(), "ms"));
            metrics.add(Metric.of(profile.name() + ": peak RSS", summary.peakRssMb(), "MB"));
            ObjectNode entry = profiles.addObject().put("name", profile.name());
            profile.flags().forEach(entry.putArray("jvmFlags")::add);
            entry.set("samples", summary.toJson());
        }
        return Measurement.of(STUDY, "the Java runs of '" + NAME + "' (" + runs + " per option, median), each option"
                + " added to the ones above it; an archive is written by one training run first.", metrics, details);
    }

    /** Runs one process on a new exposed key; returns 1 if it did not contain the key. */
    private int record(List<ColdRun.Sample> samples, String kind, Function<Path, List<String>> command) {
        BenchAccount.ExposedKey key = account.exposedKey();
        ColdRun.Sample sample = ColdRun.run(command.apply(eventFile(key)), account.functionEnvironment(),
                dir.resolve(kind + "-stderr.log"));
        samples.add(sample);
        return sample.contained() && account.inactive(key) ? 0 : 1;
    }

    private long train(StartupProfile profile) {
        if (!profile.trained()) {
            return 0;
        }
        long start = System.nanoTime();
        ColdRun.run(javaCommand(profile.trainingFlags(), eventFile(account.exposedKey())), account.functionEnvironment(),
                dir.resolve("training-stderr.log"));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private List<String> pythonCommand(Path event) {
        return List.of(python.orElseThrow().toString(), root.resolve("bench/baseline_contain_key.py").toString(),
                event.toString());
    }

    private List<String> javaCommand(List<String> javaFlags, Path event) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaFlags);
        command.addAll(List.of("-cp", functionJar + java.io.File.pathSeparator + launcher(),
                LocalInvoke.class.getName(), ContainCredentialHandler.class.getName(), event.toString()));
        return command;
    }

    // Written once: a class path entry that changes invalidates a trained archive.
    private Path launcher() {
        if (launcher == null) {
            launcher = LauncherJar.write(dir);
        }
        return launcher;
    }

    private Path eventFile(BenchAccount.ExposedKey key) {
        Path file = dir.resolve("events").resolve(key.accessKeyId() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.write(key.event()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    // TOURNIQUET_PYTHON, else the project's .venv (which has boto3), else python3 on the PATH.
    private static Optional<Path> locatePython(Path root) {
        String configured = System.getenv("TOURNIQUET_PYTHON");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        Path venv = root.resolve(".venv/bin/python");
        if (Files.isExecutable(venv)) {
            return Optional.of(venv);
        }
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "python3")).filter(Files::isExecutable).findFirst()
                .flatMap(ColdContainment::interpreter);
    }

    // The interpreter itself, not a launcher script in front of it (pyenv's shims are bash scripts): the
    // baseline must not be charged for starting a shell.
    private static Optional<Path> interpreter(Path python) {
        try {
            Process process = new ProcessBuilder(python.toString(), "-c", "import sys; print(sys.executable)")
                    .redirectErrorStream(true).start();
            String executable = new String(process.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 && !executable.isEmpty() ? Optional.of(Path.of(executable)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private String method(int runs, StartupProfile profile) {
        return runs + " fresh processes each for Java and Python, alternating, each containing a new user's exposed"
                + " key; time from just before the process starts to the moment its log line saying the key was"
                + " deactivated and verified inactive arrives, and to its exit. Java: java " + String.join(" ",
                profile.flags()).replace(dir.toString(), "…") + " -cp contain-credential.jar:launcher.jar LocalInvoke"
                + " (the function's own shaded jar; the archive written by one unmeasured training run). Python: "
                + python.map(p -> (p.startsWith(root) ? root.relativize(p) : p) + " bench/baseline_contain_key.py (same AWS calls, boto3)").orElse("not found")
                + ". Both call the emulator over plain HTTP, so neither loads a TLS trust store (in AWS the function"
                + " loads it on a background thread while it builds its clients). Peak RSS = VmHWM the process reports"
                + " at its end.";
    }
}
