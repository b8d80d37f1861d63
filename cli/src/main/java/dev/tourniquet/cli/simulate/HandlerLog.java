package dev.tourniquet.cli.simulate;

import dev.tourniquet.internal.StructuredLog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the handlers' JSON log lines to {@code handler-log.jsonl} in the report folder while the
 * simulation runs, so that the terminal shows the story and the log stays whole; back to standard error
 * when closed.
 */
final class HandlerLog implements AutoCloseable {
    private final PrintStream file;
    private final PrintStream restore;

    private HandlerLog(PrintStream file, PrintStream restore) {
        this.file = file;
        this.restore = restore;
    }

    static HandlerLog open(Path reportDir, PrintStream restore) throws IOException {
        Files.createDirectories(reportDir);
        PrintStream file = new PrintStream(Files.newOutputStream(reportDir.resolve("handler-log.jsonl")), true,
                StandardCharsets.UTF_8);
        StructuredLog.redirect(file);
        return new HandlerLog(file, restore);
    }

    @Override
    public void close() {
        StructuredLog.redirect(restore);
        file.close();
    }
}
