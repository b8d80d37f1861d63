package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads event files; a file that is missing or not JSON is a usage error naming the file. */
public final class EventFiles {
    private EventFiles() {}

    public static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such event file: " + file);
        }
        try {
            return Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException(file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** Every {@code *.json} file in the project's {@code events/} folder, sorted. */
    public static List<Path> samples(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("events"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + root.resolve("events") + ": " + e.getMessage(), e);
        }
    }
}
