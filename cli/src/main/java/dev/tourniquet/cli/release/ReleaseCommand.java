package dev.tourniquet.cli.release;

import dev.tourniquet.internal.Mode;
import dev.tourniquet.cli.local.Arguments;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.UsageException;
import dev.tourniquet.flow.Releaser;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.RecordedStep;
import dev.tourniquet.records.Records;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * {@code ./tourniquet release INCIDENT_ID}: after investigation, restores what one incident changed from
 * its recorded prior state, newest change first, and records the release. Evidence is never deleted.
 * Exit 0 restored (or nothing to do), 1 a reversal or the record failed (run it again to retry),
 * 2 bad usage, unknown incident, or no confirmation.
 */
public final class ReleaseCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Confirmation confirmation;

    public ReleaseCommand(PrintStream out, PrintStream err, Confirmation confirmation) {
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
        String where = where(configuration);
        Optional<IncidentRecord> found;
        try {
            found = Records.of(clients).releases().find(incidentId);
        } catch (SdkException e) {
            err.println("tourniquet release: cannot read table " + configuration.tableName() + " " + where + ": "
                    + e.getMessage() + "\n  Check your AWS credentials and --region (the table is in Tourniquet's"
                    + " primary region), or --endpoint.");
            return 1;
        }
        if (found.isEmpty()) {
            err.println("tourniquet release: no incident " + incidentId + " in table " + configuration.tableName()
                    + " " + where + ". Copy the id from the alert, and check --region.");
            return 2;
        }
        return release(found.get(), clients, where, parsed.get());
    }

    private int release(IncidentRecord incident, AwsClients clients, String where, IncidentArguments arguments) {
        if (incident.releasedAt().isPresent()) {
            out.println("Incident " + incident.incidentId() + " was released at " + incident.releasedAt().get()
                    + ": nothing to do. Evidence is kept.");
            return 0;
        }
        List<RecordedStep> applied = incident.appliedNewestFirst();
        if (applied.isEmpty()) {
            out.println("Incident " + incident.incidentId() + " (mode " + incident.mode() + ") changed nothing:"
                    + " nothing to restore.");
            return 0;
        }
        Releaser releaser = new Releaser(clients);
        new ReleaseReport(out).plan(incident, releaser.plan(incident), where);
        long restorable = releaser.plan(incident).stream().filter(Optional::isPresent).count();
        if (restorable == 0) {
            out.println("Nothing Tourniquet can restore by itself: see the by-hand notes above.");
            return 0;
        }
        Optional<Integer> refused = arguments.refused(confirmation, "release", "Restore these " + restorable
                + " changes?", out, err);
        if (refused.isPresent()) {
            return refused.get();
        }
        // Recorded before anything is undone: Tourniquet's guard then takes the undo calls that follow for this
        // release's own, and does not contain them again. Without the record, nothing is undone.
        try {
            Records.of(clients).releases().begin(incident.incidentId(), Instant.now());
        } catch (SdkException e) {
            err.println("tourniquet release: cannot record that the release starts (" + e.getMessage() + "): nothing"
                    + " restored, since Tourniquet would take the restored state for tampering and contain it again");
            return 1;
        }
        err.println("tourniquet release: restoring " + restorable + " changes " + where + "...");
        List<Restoration> restorations = releaser.release(incident, restoredBefore(clients, incident));
        new ReleaseReport(out).results(restorations);
        try {
            String record = Records.of(clients).releases().record(incident.incidentId(), restorations, Instant.now());
            out.println("Recorded as " + record + " of incident " + incident.incidentId() + ". Evidence is kept.");
        } catch (SdkException e) {
            err.println("tourniquet release: restored, but the release could not be recorded: " + e.getMessage());
            return 1;
        }
        return restorations.stream().anyMatch(r -> r.result() == Restoration.Result.FAILED) ? 1 : 0;
    }

    // A release that could not read the earlier runs retries everything, as before there were any.
    private java.util.Set<String> restoredBefore(AwsClients clients, IncidentRecord incident) {
        try {
            return Records.of(clients).releases().restoredBefore(incident.incidentId());
        } catch (SdkException e) {
            err.println("tourniquet release: cannot read earlier release runs (" + e.getMessage()
                    + "): every change is restored again");
            return java.util.Set.of();
        }
    }

    static Configuration configuration(Arguments arguments) {
        Optional<String> endpoint = arguments.option("--endpoint");
        if (endpoint.isPresent()) {
            return LocalAccount.configuration(endpointUri(endpoint.get()),
                    arguments.option("--region").orElse("us-east-1"), Mode.ENFORCE);
        }
        String region = arguments.option("--region").orElseGet(ReleaseCommand::defaultRegion);
        return Configuration.defaults(region);
    }

    private static URI endpointUri(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--endpoint " + text + " is not a URL such as http://127.0.0.1:5000");
        }
    }

    private static String defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkException e) {
            throw new UsageException("no AWS region: give --region (Tourniquet's primary region, where the"
                    + " incident table is) or set AWS_REGION");
        }
    }

    static String where(Configuration configuration) {
        return configuration.endpoint().map(uri -> "on " + uri)
                .orElse("in the account of your AWS credentials (" + configuration.recordsRegion() + ")");
    }

    private void usage() {
        out.println("usage: ./tourniquet release INCIDENT_ID [--endpoint URL] [--region R] [--yes]");
        out.println();
        out.println("After investigation, restores what incident INCIDENT_ID changed (key status, quarantine and");
        out.println("session policies, and, with their functions, function concurrency, triggers, security groups,");
        out.println("instance state) from the prior state recorded in the incident table, newest change first. Each");
        out.println("change is restored on its own: one failing does not stop the others. Evidence is never deleted.");
        out.println("The release is recorded in the incident table (sk RELEASE#time); releasing again does nothing.");
        out.println();
        out.println("  --endpoint URL  an AWS emulator (as replay uses); without it, your default AWS credentials");
        out.println("  --region R      the region of Tourniquet's incident table (its primary region)");
        out.println("  --yes           do not ask for confirmation (required when there is no terminal)");
        out.println();
        out.println("Exit 0 restored or nothing to do; 1 a change could not be restored (run again to retry);");
        out.println("2 bad usage, unknown incident, or not confirmed.");
    }
}
