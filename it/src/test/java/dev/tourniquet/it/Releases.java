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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", emulator.configuration().endpoint().orElseThrow().toString(),
                        "--region", Emulator.REGION, "--yes"});
        assertThat(exit).as("release %s: %s", incidentId, err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.matches("\\s+restored\\s.*")).toList();
    }
}
