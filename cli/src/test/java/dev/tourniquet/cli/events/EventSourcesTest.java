package dev.tourniquet.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample event names, in events/README.md, a defined source for its shape; {@code events} lists them all. */
class EventSourcesTest {
    private static final EventSources SOURCES = EventSources.read(ProjectRoot.locate());

    static Stream<String> samples() {
        return EventFiles.samples(ProjectRoot.locate()).stream().map(p -> p.getFileName().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_hasARowNamingDefinedSources(String file) {
        assertThat(SOURCES.sourceOf(file)).as("row for " + file + " in events/README.md").isPresent();
        assertThat(SOURCES.defines(SOURCES.sourceOf(file).orElseThrow()))
                .as("sources of " + file + " are defined under 'Where the shapes come from'").isTrue();
    }

    @Test
    void eventsCommand_listsEverySampleWithItsSource() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new EventsCommand(ProjectRoot.locate(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(new String[0]);

        String listing = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        samples().forEach(file -> assertThat(listing).contains(file));
        assertThat(listing).contains("tourniquet-credential-compromised.json").contains("T1")
                .doesNotContain("MISSING");
    }

    @Test
    void defines_undefinedKey_isFalse() {
        assertThat(SOURCES.defines("S1, Z9")).isFalse();
        assertThat(SOURCES.defines("")).isFalse();
        assertThat(SOURCES.sourceOf("no-such-sample.json")).isEmpty();
    }
}
