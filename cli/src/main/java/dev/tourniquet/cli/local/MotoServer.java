package dev.tourniquet.cli.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A local AWS emulator (moto server) on a free loopback port, for tests, {@code replay}, {@code simulate}
 * and {@code bench}. Found at the {@code moto.server} system property, {@code TOURNIQUET_MOTO}, the
 * project's {@code .venv/bin/moto_server}, or the PATH. It is started through {@code moto-server.py}, which corrects
 * moto's known deviations from AWS before serving, with the Python interpreter the executable names on its first line.
 */
public final class MotoServer implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start(Path projectRoot) {
        return start(projectRoot, false);
    }

    /**
     * @param managedPolicies whether IAM knows AWS's managed policies ({@code AdministratorAccess} …): the
     *                        simulated attacker attaches one; loading them costs a few seconds on the first
     *                        IAM call, so other users leave them out
     */
    public static MotoServer start(Path projectRoot, boolean managedPolicies) {
        Path executable = locate(projectRoot).orElseThrow(() -> new IllegalStateException(
                "moto_server not found: run ./tourniquet setup (it installs moto into .venv), or set TOURNIQUET_MOTO"));
        int port = freePort();
        try {
            List<String> command = new ArrayList<>(launcher(executable));
            command.addAll(List.of("-H", "127.0.0.1", "-p", String.valueOf(port)));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(new File(System.getProperty("java.io.tmpdir"), "tourniquet-moto-" + port + ".log"));
            builder.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", String.valueOf(managedPolicies));
            Process process = builder.start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Forgets every resource: each test starts from an empty account. */
    public void reset() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.getOutputStream().close();
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("moto reset answered " + connection.getResponseCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }

    private void awaitReady(Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL()
                        .openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within " + limit);
    }

    /**
     * The interpreter of {@code moto_server}'s console script running the corrected launcher; the executable itself
     * when it is no Python script (then moto's deviations stand, and a warning says so).
     */
    static List<String> launcher(Path executable) {
        Optional<Path> python = interpreter(executable);
        if (python.isEmpty()) {
            System.err.println("tourniquet: " + executable + " names no Python interpreter: moto starts without "
                    + "Tourniquet's corrections (moto-server.py)");
            return List.of(executable.toString());
        }
        try (InputStream in = MotoServer.class.getResourceAsStream("moto-server.py")) {
            String source = new String(Objects.requireNonNull(in, "moto-server.py missing from the jar").readAllBytes(),
                    StandardCharsets.UTF_8);
            return List.of(python.get().toString(), "-c", source);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read moto-server.py: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> interpreter(Path executable) {
        try (BufferedReader reader = Files.newBufferedReader(executable, StandardCharsets.ISO_8859_1)) {
            String first = Optional.ofNullable(reader.readLine()).orElse("");
            if (!first.startsWith("#!")) {
                return Optional.empty();
            }
            String[] words = first.substring(2).trim().split("\\s+");
            // "#!/usr/bin/env python3" names the interpreter by its second word.
            String named = words[0].endsWith("/env") && words.length > 1 ? words[1] : words[0];
            return named.contains("python") ? Optional.of(Path.of(named)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> locate(Path projectRoot) {
        for (String candidate : new String[] {System.getProperty("moto.server"), System.getenv("TOURNIQUET_MOTO"),
                projectRoot.resolve(".venv/bin/moto_server").toString()}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path path = Path.of(dir, "moto_server");
            if (Files.isExecutable(path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
        }
    }
}
