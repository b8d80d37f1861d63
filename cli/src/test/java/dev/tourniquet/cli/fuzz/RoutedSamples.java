package dev.tourniquet.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.signal.ChainEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample events of {@code events/} each function of {@code template.yaml} is sent, as its rules route
 * them (AWS's own matcher, the bus as EventBridge would pick it): what the fuzzers start from.
 */
public final class RoutedSamples {
    /** A sample event by file name. */
    public record Sample(String name, JsonNode event) {
    }

    private final Map<String, List<Sample>> byFunction = new TreeMap<>();
    private final Map<String, String> handlers = new TreeMap<>();

    private RoutedSamples(Path root) {
        TemplateRules rules = TemplateRules.load(root.resolve("template.yaml"));
        EventRouter router = new EventRouter(rules);
        for (Path file : EventFiles.samples(root)) {
            JsonNode event = EventFiles.read(file);
            String bus = ChainEvents.SOURCE.equals(event.path("source").asText()) ? "tourniquet" : "default";
            router.route(event, bus).stream().map(TemplateRules.Rule::function).distinct().forEach(function ->
                    byFunction.computeIfAbsent(function, f -> new ArrayList<>())
                            .add(new Sample(file.getFileName().toString(), event)));
        }
        rules.rules().forEach(rule -> handlers.put(rule.function(), rule.handler()));
    }

    public static RoutedSamples load(Path root) {
        return new RoutedSamples(root);
    }

    /** The samples routed to {@code function} (a logical id of the template), sorted by name. */
    public List<Sample> routedTo(String function) {
        return List.copyOf(byFunction.getOrDefault(function, List.of()));
    }

    /** The handler of {@code function}, as the template names it ({@code pkg.Class::handleRequest}). */
    public String handler(String function) {
        return handlers.get(function);
    }
}
