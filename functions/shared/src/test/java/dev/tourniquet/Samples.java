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

    /** This stack in tests: us-east-1, account 123456789012, its functions and the roles the tests name. */
    public static final java.util.Map<String, String> OWN_STACK = java.util.Map.of(
            "STACK_ID", "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f",
            "OWN_FUNCTION_NAMES", "tourniquet-contain-credential,tourniquet-quarantine-function,tourniquet-isolate-instance",
            "OWN_ROLE_ARNS", "arn:aws:iam::123456789012:role/tourniquet/QuarantineFunctionRole,"
                    + "arn:aws:iam::123456789012:role/tourniquet/IsolateInstanceRole,"
                    + "arn:aws:iam::123456789012:role/tourniquet/tourniquet-isolate-instance,"
                    + "arn:aws:iam::123456789012:role/tourniquet/tourniquet-quarantine-function");

    /** {@code env} with {@link #OWN_STACK} added. */
    public static java.util.Map<String, String> withOwnStack(java.util.Map<String, String> env) {
        java.util.Map<String, String> all = new java.util.HashMap<>(OWN_STACK);
        all.putAll(env);
        return all;
    }

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
