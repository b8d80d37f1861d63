package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one fresh process that contains one exposed key, and times it from just before the process is
 * started: to the moment its log line saying the key was deactivated and verified inactive arrives on
 * its standard output (the function's {@code step result} line of {@code deactivate-access-key}, or the
 * Python baseline's identical line), and to its exit. Its last line reports its own peak memory.
 */
final class ColdRun {
    private static final Duration LIMIT = Duration.ofMinutes(3);

    private ColdRun() {}

    /**
     * @param millisToContained NaN when the process never said the key was contained
     * @param peakRssKb         the process's VmHWM; -1 when it did not report it
     * @param heapUsedKb        Java only: heap in use at the end; -1 otherwise
     * @param cpuMillis         user + system CPU time of the whole process; -1 when not reported
     */
    record Sample(double millisToContained, double millisToExit, long peakRssKb, long heapUsedKb, long cpuMillis,
                  int exitCode) {

        boolean contained() {
            return !Double.isNaN(millisToContained) && exitCode == 0;
        }
    }

    static Sample run(List<String> command, Map<String, String> environment, Path stderrLog) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(stderrLog.toFile()));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
        Thread.ofVirtual().start(() -> stopIfOverdue(process));
        double contained = Double.NaN;
        JsonNode memory = Json.object();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                long now = System.nanoTime();
                JsonNode json = parse(line);
                if (Double.isNaN(contained) && isContainedLine(json)) {
                    contained = (now - start) / 1e6;
                } else if ("memory".equals(json.path("bench").asText())) {
                    memory = json;
                }
            }
            int exit = process.waitFor();
            double exited = (System.nanoTime() - start) / 1e6;
            return new Sample(contained, exited, memory.path("peak_rss_kb").asLong(-1),
                    memory.path("heap_used_kb").asLong(-1), memory.path("cpu_ms").asLong(-1), exit);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while waiting for " + command.get(0), e);
        }
    }

    static boolean isContainedLine(JsonNode line) {
        return "step result".equals(line.path("message").asText())
                && "deactivate-access-key".equals(line.path("step").asText())
                && "applied".equals(line.path("step_result").asText());
    }

    private static void stopIfOverdue(Process process) {
        try {
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static JsonNode parse(String line) {
        if (!line.startsWith("{")) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException notJson) {
            return Json.object();
        }
    }
}
