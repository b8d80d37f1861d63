package dev.tourniquet.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.LocalParameters;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code ./tourniquet replay --endpoint URL --region R EVENT.json…}: routes each event through the
 * template's rules into the real handler code against that endpoint (an emulator), creating
 * Tourniquet's own bucket, table, topic and bus there if missing; prints one JSON line per delivery. The
 * template's parameters can be set as in {@code sam deploy} ({@link LocalParameters}).
 */
public final class ReplayCommand {
    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    public ReplayCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Arguments arguments = new Arguments(args, Set.of("--endpoint", "--region", "--mode"), Set.of("--help", "-h"),
                Set.of(LocalParameters.OPTION));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            out.println("usage: ./tourniquet replay --endpoint URL [--region R] [--mode plan|enforce] EVENT.json...");
            out.println("                         [--parameter-overrides Key=Value ...]");
            out.println("Routes each event through template.yaml's rules into the real handlers against URL (an AWS"
                    + " emulator such as moto server), then routes the chain events they emit; one JSON line per"
                    + " delivery. Default region us-east-1, default mode enforce.");
            out.println(LocalParameters.USAGE);
            return 0;
        }
        URI endpoint = URI.create(arguments.option("--endpoint").orElseThrow(() ->
                new UsageException("--endpoint URL is required (for example http://127.0.0.1:5000)")));
        if (arguments.positional().isEmpty()) {
            throw new UsageException("give one or more event files");
        }
        List<JsonNode> events = new ArrayList<>();
        arguments.positional().forEach(file -> events.add(EventFiles.read(Path.of(file))));
        LocalParameters parameters = LocalParameters.read(arguments, root);
        Configuration configuration = parameters.applyTo(LocalAccount.configuration(endpoint,
                arguments.option("--region").orElse("us-east-1"), parameters.mode(arguments.option("--mode"))));
        parameters.note().ifPresent(note -> err.println("tourniquet replay: " + note));
        LocalAccount account;
        try {
            account = LocalAccount.provision(configuration);
        } catch (RuntimeException e) {
            err.println("tourniquet replay: cannot reach or provision " + endpoint + ": " + e.getMessage());
            return 1;
        }
        Replayer replayer = new Replayer(new EventRouter(TemplateRules.load(root.resolve("template.yaml"))),
                new Functions(new AwsClients(configuration)), account, line -> out.println(Json.write(line)));
        boolean failed = false;
        for (JsonNode event : events) {
            failed |= replayer.replay(event).stream().anyMatch(line -> line.has("error"));
        }
        return failed ? 1 : 0;
    }
}
