package dev.tourniquet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code ./tourniquet events}: every sample event, the rule it matches and the function it reaches. */
final class EventsCommand {
    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    EventsCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    int run(String[] args) {
        Arguments arguments = new Arguments(args, Set.of(), Set.of("--help", "-h"));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            out.println("usage: ./tourniquet events");
            out.println("Lists events/*.json with the template rule each matches and the function it reaches;"
                    + " events/README.md says where each sample's shape comes from.");
            return 0;
        }
        EventRouter router = new EventRouter(TemplateRules.load(root.resolve("template.yaml")));
        out.printf("%-52s %-34s %s%n", "EVENT", "RULE", "FUNCTION");
        for (Path file : EventFiles.samples(root)) {
            JsonNode event = EventFiles.read(file);
            String bus = "tourniquet".equals(event.path("source").asText()) ? "tourniquet" : "default";
            List<TemplateRules.Rule> rules = router.route(event, bus);
            String ruleNames = rules.isEmpty() ? "-" : rules.stream().map(TemplateRules.Rule::name)
                    .collect(Collectors.joining(","));
            String functions = rules.isEmpty() ? "(none)" : rules.stream().map(TemplateRules.Rule::function)
                    .distinct().collect(Collectors.joining(","));
            out.printf("%-52s %-34s %s%n", file.getFileName(), ruleNames, functions);
        }
        return 0;
    }
}
