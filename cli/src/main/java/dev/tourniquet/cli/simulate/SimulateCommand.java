package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.LocalParameters;
import dev.tourniquet.cli.local.MotoServer;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Mode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code ./tourniquet simulate}: plays the stolen-key mining attack (or, {@code --scenario quiet-theft}, the key
 * nobody reports) on a local emulator against Tourniquet's real handlers, prints the timeline, the verdict and the
 * cost comparison, and writes a report folder. Exit 0 when the verdict holds (every attacker resource contained, or
 * for the quiet theft every one outside the footprint, and no owner resource touched); 1 otherwise (or when the
 * emulator failed); 2 on bad usage, including a non-loopback endpoint or a parameter override template.yaml refuses.
 */
public final class SimulateCommand {
    private final Path root;
    private final PrintStream out;
    private final PrintStream err;

    public SimulateCommand(Path root, PrintStream out, PrintStream err) {
        this.root = root;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Set<String> valueOptions = new HashSet<>(Set.of("--endpoint", "--mode", "--report", "--owner-notices-after",
                "--forwarder-regions", "--scenario"));
        for (Delay delay : Delay.values()) {
            valueOptions.add(delay.option());
        }
        Arguments arguments = new Arguments(args, valueOptions, Set.of("--help", "-h"), Set.of(LocalParameters.OPTION));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            usage();
            return 0;
        }
        if (!arguments.positional().isEmpty()) {
            throw new UsageException("simulate takes no file or word, only options (see --help)");
        }
        // Before anything else: a non-loopback endpoint is refused before a single call is made.
        Optional<URI> endpoint = arguments.option("--endpoint").map(LoopbackEndpoint::require);
        Scenario scenario = Scenario.parse(arguments.option("--scenario").orElse(Scenario.LEAKED_KEY.id()));
        LocalParameters parameters = LocalParameters.read(arguments, root);
        Options options = new Options(parameters.mode(arguments.option("--mode")), Delays.from(arguments),
                ownerNotices(arguments), arguments.option("--report").map(Path::of).orElse(root.resolve("report")),
                endpoint.isEmpty(), arguments.option("--forwarder-regions")
                        .map(list -> Deployment.withForwarders(HOME, list)).orElse(scenario.deployment()),
                scenario, parameters);
        parameters.note().ifPresent(note -> err.println("tourniquet simulate: " + note));
        if (endpoint.isPresent()) {
            return simulate(endpoint.get(), options);
        }
        err.println("tourniquet simulate: starting the AWS emulator (moto server) on a free loopback port...");
        MotoServer server;
        try {
            // The attacker attaches AWS's managed AdministratorAccess: the emulator must know it.
            server = MotoServer.start(root, true);
        } catch (IllegalStateException e) {
            err.println("tourniquet simulate: " + e.getMessage());
            return 1;
        }
        try (server) {
            return simulate(server.endpoint(), options);
        }
    }

    /** What the command line chose. */
    private record Options(Mode mode, Delays delays, Duration ownerNotices, Path reportDir, boolean ownEmulator,
                           Deployment deployment, Scenario scenario, LocalParameters parameters) {
    }

    /** The home stack's region: where the local account's records are provisioned. */
    private static final String HOME = "us-east-1";

    private int simulate(URI endpoint, Options options) {
        SimulatedClock clock = new SimulatedClock();
        try (EventHistory history = EventHistory.start(endpoint, clock::now);
             EcsCreationTimes ecsTimes = EcsCreationTimes.in(endpoint)) {
            // CloudTrail's LookupEvents (which moto lacks) goes to the run's event history, as in AWS.
            // The exposure window opens at the leak itself (the Health event's startTime): the emulator stamps the
            // owner's users, roles and functions with the real time they were built, a second before the leak, where
            // a real account's are months old; a look-back would put them inside the window (the exposure hold).
            Configuration given = options.parameters().applyTo(LocalAccount.configuration(endpoint, HOME,
                    options.mode())).withServiceEndpoint("cloudtrail", history.endpoint())
                    // moto gives ECS tasks and services no createdAt (AWS always does): the exposure hold dates them.
                    .withServiceEndpoint("ecs", ecsTimes.endpoint()).withServiceEndpoint("ecs-list", ecsTimes.endpoint());
            Configuration configuration = options.parameters().values().containsKey("ExposureLookBackMinutes")
                    ? given : given.toBuilder().exposureLookBack(java.time.Duration.ZERO).build();
            return simulate(endpoint, configuration, options, history, clock);
        }
    }

    private int simulate(URI endpoint, Configuration configuration, Options options, EventHistory history,
                         SimulatedClock clock) {
        LocalAccount account;
        RegionalClients aws = new RegionalClients(new AwsClients(configuration));
        try {
            err.println("tourniquet simulate: provisioning Tourniquet's records on " + endpoint + "...");
            account = LocalAccount.provision(configuration);
            if (!aws.iam().listUsers().users().isEmpty()) {
                err.println("tourniquet simulate: the emulator at " + endpoint + " already holds IAM users (a previous"
                        + " run?). Restart it, or reset it with: curl -X POST " + endpoint + "/moto-api/reset");
                return 1;
            }
        } catch (SdkException e) {
            err.println("tourniquet simulate: cannot reach or provision " + endpoint + ": " + e.getMessage()
                    + "\n  Is the emulator running? Leave --endpoint out to let simulate start one.");
            return 1;
        }
        try (HandlerLog log = HandlerLog.open(options.reportDir(), err)) {
            SimulationReport report = play(endpoint, configuration, account, aws, options, history, clock);
            new ReportText(out).print(report);
            ReportFiles.write(options.reportDir(), report);
            out.println();
            out.println("Report: " + options.reportDir().resolve("report.html") + " (and report.md, report.json)");
            if (!options.ownEmulator()) {
                out.println("The emulator keeps the account: ./tourniquet release INCIDENT_ID --endpoint " + endpoint
                        + " restores what an incident changed.");
            }
            return report.verdict().passed() ? 0 : 1;
        } catch (SdkException e) {
            err.println("tourniquet simulate: the emulator failed during the run: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("tourniquet simulate: cannot write the report to " + options.reportDir() + ": " + e.getMessage());
            return 1;
        }
    }

    private SimulationReport play(URI endpoint, Configuration configuration, LocalAccount account, RegionalClients aws,
                                  Options options, EventHistory history, SimulatedClock clock) {
        err.println("tourniquet simulate: building the victim account (owner's users, functions, instance; deploy"
                + " user)...");
        VictimAccount.Victim victim = new VictimAccount(aws).build();
        AttackProfile profile = options.scenario().profile();
        // The push at the next whole second after the account was built: what the owner made is before it.
        Instant pushedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        sleepUntil(pushedAt);
        EventRouter router = new EventRouter(TemplateRules.load(root.resolve("template.yaml")));
        Functions functions = new Functions(new AwsClients(configuration));
        KeyGate gate = new KeyGate(aws.iam());
        try (AttackerClients attackerClients = new AttackerClients(endpoint,
                configuration.endpointFor("ecs").orElse(endpoint), victim.leakedKey())) {
            Attacker attacker = new Attacker(attackerClients, profile);
            attacker.prepare();
            Scene scene = new Scene(aws, attacker, new ContainmentProbe(aws, gate),
                    new AwsSignals(root.resolve("events"), pushedAt, victim.leakedKey(), LocalAccount.ACCOUNT_ID,
                            profile.attackerIp()), victim.leakedKey(), victim.ownerResources(),
                    consumer -> new Replayer(router, functions, account, consumer), options.deployment(), history,
                    clock);
            err.println("tourniquet simulate: playing the attack (" + DurationText.human(
                    options.delays().get(Delay.DURATION)) + " of simulated time, Tourniquet in " + options.mode().id()
                    + " mode)...");
            SimulationResult result = new Simulation(scene, options.delays(), profile, err).run(pushedAt);
            Verdict verdict = profile.reported() ? Verdict.of(result)
                    : Verdict.quiet(result, profile, configuration.footprint());
            return new SimulationReport(options.mode().id(), endpoint.toString(), options.delays(), profile, result,
                    verdict, new CostModel(profile).compare(result.attacker(), options.ownerNotices()));
        }
    }

    private static void sleepUntil(Instant at) {
        long millis = java.time.Duration.between(Instant.now(), at).toMillis() + 1;
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Duration ownerNotices(Arguments arguments) {
        String text = arguments.option("--owner-notices-after").orElse("8");
        try {
            double hours = Double.parseDouble(text);
            if (hours <= 0 || hours > 24 * 366) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(Math.round(hours * 3_600_000));
        } catch (NumberFormatException e) {
            throw new UsageException("--owner-notices-after takes hours, such as 8 or 0.5, not '" + text + "'");
        }
    }

    private void wrap(String text, int indent, int width) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && indent + line.length() + 1 + word.length() > width) {
                out.println(" ".repeat(indent) + line);
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        out.println(" ".repeat(indent) + line);
    }

    private void usage() {
        out.println("usage: ./tourniquet simulate [--scenario leaked-key|quiet-theft] [--endpoint URL]");
        out.println("                             [--mode enforce|plan] [--report DIR]");
        out.println("                             [--owner-notices-after HOURS] [--forwarder-regions LIST]");
        out.println("                             [--delay-NAME DURATION ...] [--parameter-overrides Key=Value ...]");
        out.println();
        out.println("Plays the stolen-key mining attack on a local AWS emulator against Tourniquet's real handlers:");
        out.println("a deploy user's key is pushed to a public repository; the attacker first makes a backdoor user");
        out.println("(access key, console password, AdministratorAccess) and a backdoor role its own account may");
        out.println("assume, then creates mining functions in three regions (re-run every 3 minutes by its own rule),");
        out.println("one of them with its backdoor user's key, a GPU instance in a region the owner never uses and");
        out.println("one in a region with no Tourniquet stack; when the leaked key is refused it goes on with its");
        out.println("backdoor key. AWS's signals (Health, CloudTrail, GuardDuty) arrive at their documented delays");
        out.println("and go through template.yaml's rules into the handlers, as replay does; a region without a");
        out.println("stack delivers nothing, its records are only in CloudTrail's event history (LookupEvents,");
        out.println("served from the run's records). Prints the timeline, the verdict (every attacker resource");
        out.println("contained, backdoor identities denied, no owner resource touched, read from the emulator) and");
        out.println("the cost with and without Tourniquet; writes report.json, report.md and report.html.");
        out.println();
        out.println("The quiet theft (--scenario quiet-theft): a key copied from a laptop, never reported, GuardDuty off;");
        out.println("the attacker runs miners and GPU instances in sa-east-1 and ap-south-1 (forwarders there, as in");
        out.println("every enabled region), the owner works in us-east-1 and eu-west-1. Only the footprint names them:");
        out.println("  ./tourniquet simulate --scenario quiet-theft --parameter-overrides \\");
        out.println("      AllowedRegions=us-east-1,eu-west-1 DeniedInstanceFamilies=accelerated DeniedFunctionShape=miner");
        out.println("contains them from their CloudTrail records alone; without it the verdict says nothing was");
        out.println("contained and the cost says what it would have cost.");
        out.println();
        out.println("  --scenario NAME             leaked-key (default) or quiet-theft");
        out.println("  --endpoint URL              an emulator already running on this machine (127.0.0.0/8, ::1,");
        out.println("                              localhost only); default: start moto server from .venv");
        out.println("                              (run ./tourniquet setup first)");
        out.println("  --mode enforce|plan         Tourniquet's mode (default enforce); plan contains nothing");
        out.println("  --report DIR                where the report goes (default: report/)");
        out.println("  --owner-notices-after HOURS when the owner would notice without Tourniquet (default 8)");
        out.println("  --forwarder-regions LIST    regions with a forwarder stack besides the home stack in " + HOME);
        out.println("                              (default " + String.join(",", Deployment.standard().forwarderList())
                + "; quiet-theft: " + String.join(",", Scenario.QUIET_THEFT.deployment().forwarderList())
                + "; none for the home stack alone)");
        for (Delay delay : Delay.values()) {
            out.printf("  %-27s default %s%n", delay.option() + " D", DurationText.human(delay.defaultValue()));
            wrap(delay.source(), 30, 100);
        }
        out.println(LocalParameters.USAGE);
        out.println();
        out.println("Durations: 90s, 5m, 1.5h, 400ms. Exit 0 when the verdict holds, 1 when it does not (or the");
        out.println("emulator failed), 2 on bad usage or an endpoint that is not on loopback.");
    }
}
