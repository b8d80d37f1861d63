package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ./tourniquet} commands started at once on a stale jar, and a third while the jar is being built:
 * one builds, the others wait for it and find the jar fresh. Run on a copy of the launcher over a scratch
 * project, never on this tree (Maven may be building it right now), with a stand-in for {@code mvn package}
 * ({@code TOURNIQUET_BUILD_COMMAND}) that behaves as it does: it first leaves a jar that is no runnable jar,
 * then puts the real one in its place, and fails when another build is under way (the shade plugin's "could
 * not replace original artifact"). It waits for another command to say it is waiting before it finishes.
 */
class ConcurrentLauncherIT {
    private static final String BUILD = """
            mkdir cli/target/building 2>/dev/null || { echo "could not replace original artifact" >&2; exit 1; }
            echo build >> builds.log
            printf 'not a jar' > cli/target/tourniquet.jar
            for i in $(seq 300); do grep -qs waiting ./*.err && break; sleep 0.1; done
            sleep 1
            cp fresh.jar cli/target/tourniquet.jar.new && mv cli/target/tourniquet.jar.new cli/target/tourniquet.jar
            rmdir cli/target/building
            """;

    @TempDir
    Path scratch;

    @Test
    void twoCommandsOnAStaleJar_withFlock_buildOnceAndBothRun() throws Exception {
        Path project = project();

        List<Run> runs = startTogether(project, System.getenv("PATH"));

        assertBuiltOnceAndAllRan(project, runs);
        assertThat(runs).anySatisfy(run -> assertThat(run.stderr()).contains("waiting for it to finish"));
    }

    @Test
    void twoCommandsOnAStaleJar_withoutFlock_buildOnceAndBothRun() throws Exception {
        Path project = project();

        List<Run> runs = startTogether(project, pathWithoutFlock());

        assertBuiltOnceAndAllRan(project, runs);
        assertThat(runs).anySatisfy(run -> assertThat(run.stderr()).contains("no flock on this system"));
        assertThat(project.resolve(".tools/build.lock.d")).as("the lock directory, removed after the build")
                .doesNotExist();
    }

    /** One command's exit status and output. */
    record Run(String name, int status, String stdout, String stderr) {
    }

    // The launcher and scripts/environment of this tree over a source newer than the jar (the jar this build made).
    private Path project() throws IOException {
        Path root = Emulator.root();
        Path jar = root.resolve("cli/target/tourniquet.jar");
        assertThat(jar).as("the command-line jar, built before the integration tests").isRegularFile();
        Path project = Files.createDirectories(scratch.resolve("project"));
        Files.createDirectories(project.resolve("scripts"));
        Files.createDirectories(project.resolve("cli/target"));
        Files.createDirectories(project.resolve("cli/src"));
        Files.createDirectories(project.resolve("functions"));
        Files.copy(root.resolve("tourniquet"), project.resolve("tourniquet"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(root.resolve("scripts/environment"), project.resolve("scripts/environment"));
        Files.copy(jar, project.resolve("fresh.jar"));
        Files.copy(jar, project.resolve("cli/target/tourniquet.jar"));
        Files.writeString(project.resolve("build.sh"), BUILD);
        Instant hourAgo = Instant.now().minusSeconds(3600);
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.from(hourAgo.minusSeconds(60)));
        Files.setLastModifiedTime(project.resolve("cli/target/tourniquet.jar"), FileTime.from(hourAgo));
        Files.writeString(project.resolve("cli/src/Changed.java"), "class Changed {}");
        return project;
    }

    // Two commands at once, a third a second later (while the first build runs); each to its end.
    private static List<Run> startTogether(Path project, String path) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            if (name.equals("c")) {
                Thread.sleep(1_000);
            }
            ProcessBuilder builder = new ProcessBuilder("./tourniquet", "--help").directory(project.toFile())
                    .redirectOutput(project.resolve(name + ".out").toFile())
                    .redirectError(project.resolve(name + ".err").toFile());
            Map<String, String> environment = builder.environment();
            environment.remove("ROOT");
            environment.put("PATH", path);
            environment.put("JAVA_HOME", System.getProperty("java.home"));
            environment.put("TOURNIQUET_BUILD_COMMAND", "bash build.sh");
            processes.add(builder.start());
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            String name = List.of("a", "b", "c").get(i);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("command %s ended", name).isTrue();
            runs.add(new Run(name, process.exitValue(), Files.readString(project.resolve(name + ".out")),
                    Files.readString(project.resolve(name + ".err"))));
        }
        return runs;
    }

    private static void assertBuiltOnceAndAllRan(Path project, List<Run> runs) throws IOException {
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.status()).as("exit status of %s: %s", run.name(), run.stderr()).isZero();
            assertThat(run.stdout()).as(run.name()).startsWith("usage: ./tourniquet");
        });
        assertThat(Files.readAllLines(project.resolve("builds.log"))).as("builds").hasSize(1);
        try (JarFile jar = new JarFile(project.resolve("cli/target/tourniquet.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("dev.tourniquet.cli.Main");
        }
    }

    // This PATH's commands, each as a link in one folder, but flock: the launcher then falls back to mkdir.
    private String pathWithoutFlock() throws IOException {
        Path bin = Files.createDirectories(scratch.resolve("bin"));
        for (String folder : System.getenv("PATH").split(File.pathSeparator)) {
            File[] commands = new File(folder).listFiles();
            for (File command : commands == null ? new File[0] : commands) {
                Path link = bin.resolve(command.getName());
                if (!command.getName().equals("flock") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, command.toPath().toAbsolutePath());
                }
            }
        }
        return bin.toString();
    }
}
