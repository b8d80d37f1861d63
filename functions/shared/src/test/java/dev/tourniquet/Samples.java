package dev.tourniquet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample events of {@code events/}, for table-driven tests. */
public final class Samples {
    private Samples() {}

    public static Path root() {
        return Path.of(System.getProperty("tourniquet.root", "../..")).toAbsolutePath().normalize();
    }

    public static List<String> names() {
        try (Stream<Path> files = Files.list(root().resolve("events"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode load(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(root().resolve("events").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
