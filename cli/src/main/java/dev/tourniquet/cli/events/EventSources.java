package dev.tourniquet.cli.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each sample event's shape comes from, as {@code events/README.md} states it: the source keys in
 * the last column of a sample's row ({@code S1, S3}), each defined under "Where the shapes come from"
 * ({@code - **S1**: …}).
 */
final class EventSources {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*([\\w.-]+\\.json)\\s*\\|.*\\|\\s*([^|]*?)\\s*\\|\\s*$");
    private static final Pattern DEFINITION = Pattern.compile("^- \\*\\*([A-Z]+\\d+)\\*\\*:");

    private final Map<String, String> byFile;
    private final Set<String> defined;

    private EventSources(Map<String, String> byFile, Set<String> defined) {
        this.byFile = byFile;
        this.defined = defined;
    }

    static EventSources read(Path root) {
        Path readme = root.resolve("events").resolve("README.md");
        Map<String, String> byFile = new LinkedHashMap<>();
        Set<String> defined = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(readme)) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    byFile.put(row.group(1), row.group(2));
                }
                Matcher definition = DEFINITION.matcher(line);
                if (definition.find()) {
                    defined.add(definition.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + readme + ": " + e.getMessage(), e);
        }
        return new EventSources(byFile, defined);
    }

    /** The source keys named for a sample ({@code "S1, S3"}), or empty when README.md has no row for it. */
    Optional<String> sourceOf(String file) {
        return Optional.ofNullable(byFile.get(file)).filter(s -> !s.isBlank());
    }

    /** Whether every key a sample names is defined in README.md. */
    boolean defines(String sourceKeys) {
        for (String key : sourceKeys.split("\\s*,\\s*")) {
            if (!defined.contains(key.trim())) {
                return false;
            }
        }
        return !sourceKeys.isBlank();
    }
}
