package dev.tourniquet.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.LocalParameters;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.Envelope;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code ./tourniquet plan EVENT.json}: which function the template routes the event to and the steps
 * it would take, printed as JSON, with no AWS access. Exit 2 on invalid input.
 */
public final class PlanCommand {
    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    public PlanCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Arguments arguments = new Arguments(args, Set.of("--mode"), Set.of("--help", "-h"),
                Set.of(LocalParameters.OPTION));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            out.println("usage: ./tourniquet plan [--mode plan|enforce] EVENT.json [--parameter-overrides Key=Value ...]");
            out.println("Prints {\"handler\", \"decision\", \"steps\": [{\"action\", \"target\"}]} for the event;"
                    + " touches no AWS account. Exit 2 on invalid input.");
            out.println(LocalParameters.USAGE);
            return 0;
        }
        LocalParameters parameters = LocalParameters.read(arguments, root);
        Mode mode = parameters.mode(arguments.option("--mode"));
        if (arguments.positional().size() != 1) {
            throw new UsageException("give exactly one event file (see --help)");
        }
        JsonNode event = EventFiles.read(Path.of(arguments.positional().get(0)));
        if (Envelope.read(event) instanceof Envelope.Result.Invalid invalid) {
            err.println("tourniquet plan: invalid event: " + invalid.reason());
            return 2;
        }
        String bus = ChainEvents.SOURCE.equals(event.path("source").asText()) ? "tourniquet" : "default";
        EventRouter router = new EventRouter(TemplateRules.load(root.resolve("template.yaml")));
        List<TemplateRules.Rule> rules;
        try {
            rules = router.route(event, bus);
        } catch (IllegalArgumentException e) {
            err.println("tourniquet plan: " + e.getMessage());
            return 2;
        }
        // Offline: clients are built but never called, so the endpoint only has to be well-formed.
        Functions functions = new Functions(new AwsClients(parameters.applyTo(
                LocalAccount.offline(event.path("region").asText("us-east-1"), mode))));
        parameters.note().ifPresent(note -> err.println("tourniquet plan: " + note));
        if (rules.isEmpty()) {
            out.println(Json.pretty(Json.object().putNull("handler").put("decision", "no_rule")
                    .put("rationale", "no rule in template.yaml matches this event").set("steps",
                            Json.MAPPER.createArrayNode())));
            return 0;
        }
        ArrayNode plans = Json.MAPPER.createArrayNode();
        for (TemplateRules.Rule rule : rules) {
            ObjectNode plan = functions.responder(rule.handler()).planOffline(Delivery.read(event)).put("rule", rule.name());
            if (plan.has("error")) {
                err.println("tourniquet plan: invalid event: " + plan.path("error").asText());
                return 2;
            }
            plans.add(plan);
        }
        out.println(Json.pretty(plans.size() == 1 ? plans.get(0) : plans));
        return 0;
    }
}
