package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.internal.Json;
import dev.tourniquet.function.credential.ContainCredentialHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Measurement 4: the size of each function's deployment jar ({@code CodeUri} in {@code template.yaml}), the
 * memory each is given, and for the function the cold runs measured, the memory it needs
 * ({@link MemoryAdvice}).
 */
final class Artifacts {
    static final String NAME = "artifacts";

    private final Path root;

    Artifacts(Path root) {
        this.root = root;
    }

    /** @param credentialCold the cold runs of the credential function, when they ran */
    Measurement run(Optional<ColdSummary> credentialCold) {
        TemplateRules template = TemplateRules.load(root.resolve("template.yaml"));
        List<Metric> metrics = new ArrayList<>();
        ObjectNode details = Json.object();
        for (String function : template.functions()) {
            JsonNode properties = template.resources().path(function).path("Properties");
            Path jar = root.resolve(properties.path("CodeUri").asText());
            int memory = properties.path("MemorySize").asInt(template.functionGlobals().path("MemorySize").asInt(128));
            metrics.add(Metric.of(function + ": jar", megabytes(jar), "MB"));
            metrics.add(Metric.of(function + ": MemorySize in template.yaml", memory, "MB"));
            ObjectNode entry = details.putObject(function).put("jar", root.relativize(jar).toString())
                    .put("memorySize", memory);
            boolean measured = ContainCredentialHandler.class.getName()
                    .equals(properties.path("Handler").asText().split("::")[0]);
            if (measured && credentialCold.isPresent()) {
                MemoryAdvice advice = MemoryAdvice.of(credentialCold.get());
                metrics.add(Metric.of(function + ": peak RSS, cold", advice.peakRssMb(), "MB"));
                metrics.add(Metric.of(function + ": CPU time of a cold containment", advice.cpuMillis(), "ms"));
                metrics.add(Metric.of(function + ": MemorySize recommended", advice.recommendedMb(), "MB"));
                entry.put("advice", advice.reason());
            }
        }
        return Measurement.of(NAME, "jar = size of the file each function's CodeUri names; peak RSS and CPU from the"
                + " Java runs of '" + ColdContainment.NAME + "'; " + MemoryAdvice.RULE, metrics, details);
    }

    private static double megabytes(Path file) {
        try {
            return Files.size(file) / (1024.0 * 1024.0);
        } catch (IOException missing) {
            return Double.NaN;
        }
    }
}
