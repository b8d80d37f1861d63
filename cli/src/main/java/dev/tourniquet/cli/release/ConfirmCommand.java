package dev.tourniquet.cli.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.HoldConfirmation;
import dev.tourniquet.flow.IncidentFailedException;
import dev.tourniquet.function.instance.IsolateInstanceHandler;
import dev.tourniquet.function.lambda.QuarantineFunctionHandler;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Delivery;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code ./tourniquet confirm INCIDENT_ID}: a resource the sweep of a credential implicated only as a creator held
 * beyond its count (only its one stopping call made) is judged malicious by a person, and is quarantined in full now
 * by the function that contains its kind ({@link HoldConfirmation}). {@code ./tourniquet release INCIDENT_ID} is the
 * other answer. Exit 0 contained (or already), 1 a step failed (run it again to retry), 2 bad usage, no such hold,
 * or no confirmation.
 */
public final class ConfirmCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Confirmation confirmation;

    public ConfirmCommand(PrintStream out, PrintStream err, Confirmation confirmation) {
        this.out = out;
        this.err = err;
        this.confirmation = confirmation;
    }

    public int run(String[] args) {
        Optional<IncidentArguments> parsed = IncidentArguments.parse(args, this::usage);
        if (parsed.isEmpty()) {
            return 0;
        }
        String incidentId = parsed.get().incidentId();
        Configuration configuration = parsed.get().configuration();
        AwsClients clients = new AwsClients(configuration);
        String where = ReleaseCommand.where(configuration);
        Optional<IncidentStore.HeldResource> hold;
        try {
            hold = Records.of(clients).incidents().hold(incidentId);
        } catch (SdkException e) {
            err.println("tourniquet confirm: cannot read table " + configuration.tableName() + " " + where + ": "
                    + e.getMessage());
            return 1;
        }
        if (hold.isEmpty()) {
            err.println("tourniquet confirm: incident " + incidentId + " is no hold of a creator sweep in table "
                    + configuration.tableName() + " " + where + ". Copy the id from the alert's HELD list.");
            return 2;
        }
        if (hold.get().released()) {
            err.println("tourniquet confirm: the hold " + incidentId + " was released: nothing is held to confirm.");
            return 2;
        }
        return confirm(hold.get(), clients, parsed.get());
    }

    private int confirm(IncidentStore.HeldResource hold, AwsClients clients, IncidentArguments arguments) {
        Optional<Delivery> delivery = HoldConfirmation.delivery(hold, Instant.now());
        if (delivery.isEmpty()) {
            err.println("tourniquet confirm: a hold of a " + hold.signalType() + " is not one Tourniquet makes");
            return 2;
        }
        out.println("Hold " + hold.incidentId() + ": " + hold.signalType() + " " + hold.subject() + " in "
                + hold.region() + " (only its stopping call made).");
        Optional<Integer> refused = arguments.refused(confirmation, "confirm",
                "Quarantine it in full (evidence, triggers cut, role sessions)?", out, err);
        if (refused.isPresent()) {
            return refused.get();
        }
        FunctionFlow flow = "function".equals(hold.signalType()) ? QuarantineFunctionHandler.responder(clients)
                : IsolateInstanceHandler.responder(clients);
        try {
            ObjectNode response = flow.handle(delivery.get());
            String contained = response.path("incidents").path(0).path("incidentId").asText("");
            out.println("Contained in full as incident " + contained + ". To give it back after all: ./tourniquet"
                    + " release " + contained + ", then ./tourniquet release " + hold.incidentId() + ".");
            return 0;
        } catch (IncidentFailedException e) {
            err.println("tourniquet confirm: containment incomplete (" + e.getMessage() + "): run it again to retry.");
            return 1;
        }
    }

    private void usage() {
        out.println("usage: ./tourniquet confirm INCIDENT_ID [--endpoint URL] [--region R] [--yes]");
        out.println();
        out.println("A resource held beyond a creator sweep's count (the alert's HELD list: only its reserved");
        out.println("concurrency set to 0, or the instance stopped) is judged malicious: quarantine it in full, as the");
        out.println("sweep contains what it does not hold. The other answer is ./tourniquet release INCIDENT_ID.");
        out.println();
        out.println("  --endpoint URL  an AWS emulator (as replay uses); without it, your default AWS credentials");
        out.println("  --region R      the region of Tourniquet's incident table (its primary region)");
        out.println("  --yes           do not ask for confirmation (required when there is no terminal)");
        out.println();
        out.println("Exit 0 contained; 1 a step failed (run again to retry); 2 bad usage, no such hold, or not confirmed.");
    }
}
