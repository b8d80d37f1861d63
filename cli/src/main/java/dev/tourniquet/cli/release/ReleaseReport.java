package dev.tourniquet.cli.release;

import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.RecordedStep;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.step.Reversal;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints what a release will restore, and what it did. */
final class ReleaseReport {
    private final PrintStream out;

    ReleaseReport(PrintStream out) {
        this.out = out;
    }

    void plan(IncidentRecord incident, List<Optional<Reversal>> reversals, String where) {
        out.println("Incident " + incident.incidentId() + ": " + incident.signalType() + " " + incident.subject()
                + " (" + incident.status().toLowerCase(Locale.ROOT) + "), " + where);
        out.println("Release restores, newest change first:");
        List<RecordedStep> applied = incident.appliedNewestFirst();
        for (int i = 0; i < applied.size(); i++) {
            RecordedStep step = applied.get(i);
            if (reversals.get(i).isPresent()) {
                out.printf("  restore  %-28s %s%n", step.step(), step.target());
                out.printf("           (by hand: %s)%n", step.undo());
            } else {
                out.printf("  keep     %-28s %s: %s%n", step.step(), step.target(), step.undo());
            }
        }
        out.println("Evidence is kept.");
    }

    void results(List<Restoration> restorations) {
        for (Restoration restoration : restorations) {
            out.printf("  %-12s %-28s %s%n", word(restoration.result()), restoration.step().step(),
                    restoration.detail());
        }
    }

    private static String word(Restoration.Result result) {
        return switch (result) {
            case RESTORED -> "restored";
            case NOTHING_LEFT -> "already";
            case FAILED -> "FAILED";
            case BY_HAND -> "kept";
        };
    }
}
