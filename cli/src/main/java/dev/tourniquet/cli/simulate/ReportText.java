package dev.tourniquet.cli.simulate;

import java.io.PrintStream;
import java.util.List;

/** The report as printed on the terminal: timeline, verdict, cost comparison. */
final class ReportText {
    private final PrintStream out;

    ReportText(PrintStream out) {
        this.out = out;
    }

    void print(SimulationReport report) {
        SimulationResult result = report.result();
        out.println("TIMELINE (simulated clock from the push; REAL = measured wall time of that call or handler)");
        out.printf("%-12s %8s  %-10s %s%n", "SIMULATED", "REAL", "WHO", "WHAT");
        for (TimelineEntry e : result.timeline()) {
            out.printf("%-12s %8s  %-10s %s%n", DurationText.clock(e.at()), e.realMillis() >= 0 ? e.realMillis() + " ms"
                    : "", e.actor().word(), e.text());
        }
        out.println();
        out.println("VERDICT " + report.verdict().summary() + " (mode " + report.mode() + ", "
                + result.incidents().size() + " incidents)");
        out.println("  beyond the key: " + report.verdict().beyondTheKey());
        out.println("  " + Deployments.sentence(result));
        for (AttackerOutcome o : result.attacker()) {
            out.printf("  %-14s %-52s %s%n", o.contained() ? "contained" : "NOT contained", o.resource().label(),
                    o.containedAt().map(at -> "at " + DurationText.clock(at) + o.lag().map(lag -> " (+"
                            + DurationText.human(lag) + ")").orElse("") + ": ").orElse("") + o.state()
                            + Deployments.remarks(o, result));
        }
        for (OwnerOutcome o : result.owner()) {
            out.printf("  %-14s %s%n", o.untouched() ? "untouched" : "TOUCHED", o.label()
                    + (o.untouched() ? "" : ": was " + o.before() + ", now " + o.after()));
        }
        if (!report.wouldHaveDone().isEmpty()) {
            out.println();
            out.println("PLAN MODE: Tourniquet changed nothing; it would have:");
            report.wouldHaveDone().forEach(s -> out.println("  " + s.incidentId() + " " + s.function() + " " + s.step()
                    + " " + s.target() + ": " + s.detail()));
        }
        out.println();
        out.println("NOTE moto does not enforce IAM: the simulation refuses the attacker's calls itself once IAM shows the"
                + " key inactive or its user quarantined. Containment is read from the emulator (see report.md, Notes).");
        out.println();
        cost(report.cost());
    }

    private void cost(CostComparison cost) {
        out.println("COST EXPOSURE (AWS list prices recorded " + ListPrices.RECORDED + ", USD; see report.md)");
        out.println("  without Tourniquet, everything runs until the owner notices ("
                + DurationText.human(cost.ownerNoticesAfter()) + "):");
        lines(cost.without());
        out.println("    total " + Money.format(cost.withoutTotal()));
        out.println("  with Tourniquet, each resource runs until the emulator shows it contained:");
        lines(cost.with());
        out.println("    total " + Money.format(cost.withTotal()));
        out.println("  saved " + Money.format(cost.saved()) + " (" + cost.savedPercent().toPlainString() + " %)");
    }

    private void lines(List<CostLine> lines) {
        lines.forEach(l -> out.println("    " + l.resource() + ": " + l.arithmetic()));
    }
}
