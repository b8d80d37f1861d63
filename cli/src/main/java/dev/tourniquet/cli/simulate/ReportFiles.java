package dev.tourniquet.cli.simulate;

import dev.tourniquet.edge.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report folder: {@code report.json}, {@code report.md}, {@code report.html}. */
final class ReportFiles {
    private ReportFiles() {}

    static void write(Path dir, SimulationReport report) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Json.pretty(ReportJson.render(report)) + "\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), ReportMarkdown.render(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), ReportHtml.render(report), StandardCharsets.UTF_8);
    }
}
