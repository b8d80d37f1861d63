package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Log lines stay one JSON object each, whatever an event puts in them. */
class StructuredLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        StructuredLog.redirect(System.out);
    }

    // Found by the end-to-end fuzzer (FuzzedEventsIT): a rejected event's 300 KB id was logged whole.
    @Test
    void with_textLongerThanTheLimit_isCutAndSaysItsLength() throws Exception {
        StructuredLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        String id = "e".repeat(300_000);

        StructuredLog.of(StructuredLogTest.class).error("rejected input").with("event_id", id).with("count", 3).log();

        JsonNode line = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(line.path("event_id").asText()).startsWith("e".repeat(StructuredLog.MAX_TEXT))
                .endsWith("…(300000 characters)").hasSizeLessThan(StructuredLog.MAX_TEXT + 30);
        assertThat(line.path("count").asInt()).isEqualTo(3);
    }

    @Test
    void with_textWithinTheLimit_isKeptWhole() throws Exception {
        StructuredLog.redirect(new PrintStream(out, true, StandardCharsets.UTF_8));
        String reason = "r".repeat(StructuredLog.MAX_TEXT);

        StructuredLog.of(StructuredLogTest.class).info("nothing to do").with("reason", reason).log();

        assertThat(Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8)).path("reason").asText()).isEqualTo(reason);
    }
}
