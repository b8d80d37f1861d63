package dev.tourniquet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every command answers --help with its usage and options, touching nothing. */
class CommandHelpTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "plan, EVENT.json",
            "replay, --endpoint URL",
            "events, events/README.md",
            "simulate, --delay-guardduty",
            "release, INCIDENT_ID"})
    void help_printsUsage_exitZero(String command, String mentions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {command, "--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: ./tourniquet " + command).contains(mentions);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "simulate --mode fast, '--mode takes enforce or plan'",
            "simulate --delay-health soon, '--delay-health takes a duration'",
            "simulate --owner-notices-after never, '--owner-notices-after takes hours'",
            "release, 'give exactly one incident id'",
            "release inc-1 --endpoint nonsense, 'is not a URL'"})
    void badUsage_namesTheProblem_exitTwo(String line, String message) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(line.split(" "), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
    }
}
