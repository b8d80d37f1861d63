package dev.tourniquet.cli.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one Lambda handler on one event file the way Lambda's Java runtime does: loads the handler class,
 * calls its no-argument constructor, then {@code handleRequest}. Used by the cold-start benchmark with
 * {@code java -cp FUNCTION.jar:DIR} where DIR holds only this class, so every other class comes from the
 * function's own jar.
 *
 * <p>It names nothing but the JDK and {@code aws-lambda-java-core}, which every function jar carries. The
 * Lambda {@code Context} is {@code null}: Tourniquet's handlers never read it. After the handler returns it
 * prints one line {@code {"bench":"memory",…}} with the process's peak resident set size (VmHWM of
 * {@code /proc/self/status}), the heap in use and the CPU time used, then exits.
 */
public final class LocalInvoke {
    private LocalInvoke() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LocalInvoke HANDLER_CLASS EVENT_FILE");
            System.exit(2);
        }
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor()
                .newInstance();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = Files.newInputStream(Path.of(args[1]))) {
            handler.handleRequest(event, response, null);
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.println("{\"bench\":\"response\",\"response\":" + response.toString(StandardCharsets.UTF_8) + "}");
        System.out.println("{\"bench\":\"memory\",\"peak_rss_kb\":" + peakRssKb() + ",\"heap_used_kb\":"
                + (runtime.totalMemory() - runtime.freeMemory()) / 1024 + ",\"heap_committed_kb\":"
                + runtime.totalMemory() / 1024 + ",\"cpu_ms\":" + cpuMillis() + "}");
        System.out.flush();
        System.exit(0);
    }

    static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    // Linux reports the peak in "VmHWM:   123456 kB"; elsewhere -1 (the benchmark then says so).
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
