package dev.tourniquet.cli;

import dev.tourniquet.cli.bench.BenchCommand;
import dev.tourniquet.cli.events.EventsCommand;
import dev.tourniquet.cli.local.ProjectRoot;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.cli.plan.PlanCommand;
import dev.tourniquet.cli.release.ConfirmCommand;
import dev.tourniquet.cli.release.Confirmation;
import dev.tourniquet.cli.release.ReleaseCommand;
import dev.tourniquet.cli.replay.ReplayCommand;
import dev.tourniquet.cli.simulate.SimulateCommand;
import dev.tourniquet.internal.StructuredLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code ./tourniquet COMMAND …}: each command is a package of its own; this only dispatches. */
public final class Main {
    private static final Map<String, String> SUMMARIES = Map.of(
            "plan", "print the plan for an event, with no AWS access",
            "replay", "route events through template.yaml's rules into the real handlers against an endpoint",
            "events", "list the sample events, the rule each matches and the function it reaches",
            "simulate", "play the stolen-key (or quiet-theft) mining attack on a local emulator; verdict, cost, report",
            "release", "restore what an incident changed, from its recorded prior state (after investigation)",
            "confirm", "contain in full a resource a creator sweep held beyond its count (the alert's HELD list)",
            "bench", "measure time to contain, cold start, sweep pacing, memory and jar sizes (local emulator)");

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns its exit status (0 done, 1 failed, 2 bad usage or input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // Handler logs are for CloudWatch; on the command line they go to standard error.
        StructuredLog.redirect(err);
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        Path root = ProjectRoot.locate();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "plan" -> new PlanCommand(root, out, err).run(rest);
                case "replay" -> new ReplayCommand(root, out, err).run(rest);
                case "events" -> new EventsCommand(root, out, err).run(rest);
                case "simulate" -> new SimulateCommand(root, out, err).run(rest);
                case "release" -> new ReleaseCommand(out, err, Confirmation.terminal()).run(rest);
                case "confirm" -> new ConfirmCommand(out, err, Confirmation.terminal()).run(rest);
                case "bench" -> new BenchCommand(root, out, err).run(rest);
                default -> {
                    err.println("tourniquet: unknown command '" + args[0] + "'");
                    usage(err);
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("tourniquet " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: ./tourniquet COMMAND [--help]");
        out.println();
        SUMMARIES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  %-10s %s%n", e.getKey(), e.getValue()));
        out.printf("  %-10s %s%n", "setup", "install the local emulator, cfn-lint and SAM CLI into .venv");
        out.printf("  %-10s %s%n", "test", "install what the tests need and run every test (see README)");
        out.printf("  %-10s %s%n", "reliability", "play every scenario under injected AWS faults; write the README's figures");
        out.printf("  %-10s %s%n", "forwarders", "deploy forwarder.yaml to every enabled region but the home one (AWS CLI)");
    }
}
