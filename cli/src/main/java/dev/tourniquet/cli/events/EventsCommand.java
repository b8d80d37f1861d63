package dev.tourniquet.cli.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.TemplateRules;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code ./tourniquet events}: every sample event, the rule it matches and the function it reaches. */
public final class EventsCommand {
    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    public EventsCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Arguments arguments = new Arguments(args, Set.of(), Set.of("--help", "-h"));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            out.println("usage: ./tourniquet events");
            out.println("Lists every events/*.json sample with the template rule it matches, the function it reaches");
            out.println("and where its shape comes from (the source keys defined in events/README.md). Exit 1 when a");
            out.println("sample has no row, or names an undefined source, in events/README.md.");
            return 0;
        }
        EventRouter router = new EventRouter(TemplateRules.load(root.resolve("template.yaml")));
        EventSources sources = EventSources.read(root);
        int unsourced = 0;
        out.printf("%-52s %-34s %-26s %s%n", "EVENT", "RULE", "FUNCTION", "SOURCE");
        for (Path file : EventFiles.samples(root)) {
            JsonNode event = EventFiles.read(file);
            String bus = "tourniquet".equals(event.path("source").asText()) ? "tourniquet" : "default";
            List<TemplateRules.Rule> rules = router.route(event, bus);
            String ruleNames = rules.isEmpty() ? "-" : rules.stream().map(TemplateRules.Rule::name)
                    .collect(Collectors.joining(","));
            String functions = rules.isEmpty() ? "(none)" : rules.stream().map(TemplateRules.Rule::function)
                    .distinct().collect(Collectors.joining(","));
            String name = file.getFileName().toString();
            String source = sources.sourceOf(name).filter(sources::defines).orElse("MISSING");
            if (source.equals("MISSING")) {
                unsourced++;
                err.println("tourniquet events: " + name + " has no row naming a defined source in events/README.md;"
                        + " add one (see 'Where the shapes come from')");
            }
            out.printf("%-52s %-34s %-26s %s%n", name, ruleNames, functions, source);
        }
        return unsourced == 0 ? 0 : 1;
    }
}
