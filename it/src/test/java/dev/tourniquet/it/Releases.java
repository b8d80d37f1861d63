package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.release.ReleaseCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Runs the real {@code ./tourniquet release INCIDENT --yes} against the emulator. */
final class Releases {
    private Releases() {}

    /** Releases the incident; returns the lines of what was restored (exit status 0 asserted). */
    static List<String> release(Emulator emulator, String incidentId) {
        Run run = run(emulator, incidentId);
        assertThat(run.exit()).as("release %s: %s", incidentId, run.err()).isZero();
        return run.restored();
    }

    /**
     * Releases the incident as a person would while AWS fails some calls: run again (it retries only what
     * failed) until it exits 0, at most {@code tries} times; returns the exit status of the last run.
     */
    static int releaseUntilDone(Emulator emulator, String incidentId, int tries) {
        int exit = -1;
        for (int i = 0; i < tries && exit != 0; i++) {
            exit = run(emulator, incidentId).exit();
        }
        return exit;
    }

    private record Run(int exit, String err, List<String> restored) {
    }

    private static Run run(Emulator emulator, String incidentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", emulator.functionEndpoint().toString(),
                        "--region", Emulator.REGION, "--yes"});
        return new Run(exit, err.toString(StandardCharsets.UTF_8),
                out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.matches("\\s+restored\\s.*")).toList());
    }
}
