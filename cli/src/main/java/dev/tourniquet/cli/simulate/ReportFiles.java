package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report folder: {@code report.json}, {@code report.md}, {@code report.html}. */
final class ReportFiles {
    private ReportFiles() {}

    static void write(Path dir, SimulationReport report) throws IOException {
        Files.createDirectories(dir);
        // Plain decimals: an amount such as 0.0000004 stays readable, never 4.0E-7.
        String json = Json.MAPPER.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .withDefaultPrettyPrinter().writeValueAsString(ReportJson.render(report));
        Files.writeString(dir.resolve("report.json"), json + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), ReportMarkdown.render(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), ReportHtml.render(report), StandardCharsets.UTF_8);
    }
}
