package dev.tourniquet.cli.local;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A local AWS emulator (moto server) on a free loopback port, for tests, {@code replay}, {@code simulate}
 * and {@code bench}. Found at the {@code moto.server} system property, {@code TOURNIQUET_MOTO}, the
 * project's {@code .venv/bin/moto_server}, or the PATH.
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
            ProcessBuilder builder = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p",
                    String.valueOf(port)).redirectErrorStream(true)
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
