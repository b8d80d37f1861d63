package dev.tourniquet.cli.release;

import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.internal.Configuration;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code release} and {@code confirm} read from their command line alike: one incident id, where the incident
 * table is ({@code --endpoint}, {@code --region}), and whether to ask first ({@code --yes}).
 *
 * @param incidentId    the incident, as the alert names it
 * @param configuration the account and region of the incident table
 * @param yes           do not ask
 */
record IncidentArguments(String incidentId, Configuration configuration, boolean yes) {

    /** The arguments; empty after {@code --help} (printed by {@code usage}). */
    static Optional<IncidentArguments> parse(String[] args, Runnable usage) {
        Arguments arguments = new Arguments(args, Set.of("--endpoint", "--region"), Set.of("--yes", "--help", "-h"));
        if (arguments.flag("--help") || arguments.flag("-h")) {
            usage.run();
            return Optional.empty();
        }
        if (arguments.positional().size() != 1) {
            throw new UsageException("give exactly one incident id, as in the alert (see --help)");
        }
        return Optional.of(new IncidentArguments(arguments.positional().get(0),
                ReleaseCommand.configuration(arguments), arguments.flag("--yes")));
    }

    /**
     * Asks the question unless {@code --yes} was given: empty when the person said yes, else the exit status (2 no
     * terminal to ask on, 1 declined).
     */
    Optional<Integer> refused(Confirmation confirmation, String command, String question, PrintStream out,
                              PrintStream err) {
        if (yes) {
            return Optional.empty();
        }
        Optional<Boolean> answer = confirmation.ask(question);
        if (answer.isEmpty()) {
            err.println("tourniquet " + command + ": not confirmed: there is no terminal to ask on. Run it on a"
                    + " terminal, or add --yes to " + command + " without asking.");
            return Optional.of(2);
        }
        if (!answer.get()) {
            out.println("Nothing changed.");
            return Optional.of(1);
        }
        return Optional.empty();
    }
}
