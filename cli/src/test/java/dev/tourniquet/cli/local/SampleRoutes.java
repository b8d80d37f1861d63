package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The samples of {@code events/} and the rules of {@code template.yaml} they reach, for the pattern tests. */
final class SampleRoutes {
    private static final EventRouter ROUTER = new EventRouter(TemplateRules.load(ProjectRoot.locate()
            .resolve("template.yaml")));

    private SampleRoutes() {}

    /** The rules ({@code Function/Rule}, or the rule's logical id) {@code event} reaches on {@code bus}. */
    static Set<String> matched(JsonNode event, String bus) {
        return ROUTER.route(event, bus).stream().map(r -> r.function() + "/" + r.name()).collect(Collectors.toSet());
    }

    /** A sample event, read fresh (the caller may change it). */
    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(ProjectRoot.locate().resolve("events").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
