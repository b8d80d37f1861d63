package dev.tourniquet.cli.simulate;

import java.util.List;

/** {@code report.md}. */
final class ReportMarkdown {
    private final StringBuilder md = new StringBuilder();

    private ReportMarkdown() {}

    static String render(SimulationReport report) {
        return new ReportMarkdown().all(report).md.toString();
    }

    private ReportMarkdown all(SimulationReport report) {
        SimulationResult result = report.result();
        line("# Tourniquet simulation: a leaked key and a mining attack");
        line("");
        line("Mode **" + report.mode() + "**, emulator " + report.endpoint() + ", key pushed at " + result.pushedAt()
                + " (T0). Played " + DurationText.clock(result.played()) + " of simulated time in "
                + result.wallMillis() + " ms.");
        line("");
        line("## Verdict");
        line("");
        line("**" + report.verdict().summary() + "**. Incidents opened: " + result.incidents().size() + ".");
        line("");
        line("Beyond the key: " + report.verdict().beyondTheKey() + ". " + Deployments.sentence(result));
        line("");
        line("| attacker resource | created | clock starts | contained | lag | state |");
        line("|---|---|---|---|---|---|");
        result.attacker().forEach(o -> row(o.resource().label(), DurationText.clock(o.resource().createdAt()),
                o.clockStart().map(DurationText::clock).orElse("never detected"),
                o.containedAt().map(DurationText::clock).orElse(o.contained() ? "yes" : "**no**"),
                o.lag().map(lag -> (o.stoppedWithin(StopClock.TARGET) ? "" : "**") + DurationText.human(lag)
                        + (o.stoppedWithin(StopClock.TARGET) ? "" : "**")).orElse("–"), o.state()
                        + Deployments.remarks(o, result)));
        line("");
        line("Each resource's clock starts at the later of its creation and the leaked key's detection (the first"
                + " signal about it); for what the attacker's backdoor key created after that, when its CloudTrail"
                + " record reached Tourniquet. The target is " + StopClock.TARGET.toSeconds() + " s; a lag in bold"
                + " missed it.");
        line("");
        line("| owner resource | untouched |");
        line("|---|---|");
        result.owner().forEach(o -> row(o.label(), o.untouched() ? "yes" : "**no**: was `" + o.before() + "`, now `"
                + o.after() + "`"));
        if (!report.wouldHaveDone().isEmpty()) {
            line("");
            line("## What plan mode would have done");
            line("");
            line("Tourniquet ran in plan mode and changed nothing. It would have:");
            line("");
            report.wouldHaveDone().forEach(s -> line("- " + s.incidentId() + " " + s.function() + " `" + s.step() + "` "
                    + s.target() + ": " + s.detail()));
        }
        cost(report.cost());
        timeline(result.timeline());
        delays(report.delays());
        line("");
        line("## Notes");
        line("");
        report.notes().forEach(n -> line("- " + n));
        return this;
    }

    private void cost(CostComparison cost) {
        line("");
        line("## Cost exposure");
        line("");
        line("| | total |");
        line("|---|---|");
        row("without Tourniquet (the owner notices after " + DurationText.human(cost.ownerNoticesAfter()) + ")",
                Money.format(cost.withoutTotal()));
        row("with Tourniquet", Money.format(cost.withTotal()));
        row("saved", Money.format(cost.saved()) + " (" + cost.savedPercent().toPlainString() + " %)");
        side("Without Tourniquet", cost.without());
        side("With Tourniquet", cost.with());
        line("");
        line("List prices (on-demand, before free tier), recorded " + ListPrices.RECORDED + " from "
                + ListPrices.SOURCES + ":");
        line("");
        line("| item | regions | price | unit |");
        line("|---|---|---|---|");
        ListPrices.table().forEach(p -> row(p.item(), p.regions(), p.usd().toPlainString(), p.unit()));
    }

    private void side(String title, List<CostLine> lines) {
        line("");
        line(title + ":");
        line("");
        lines.forEach(l -> line("- " + l.resource() + ": " + l.arithmetic()));
    }

    private void timeline(List<TimelineEntry> timeline) {
        line("");
        line("## Timeline");
        line("");
        line("Simulated time from the push; *real* is the measured wall time of that call or handler.");
        line("");
        line("| simulated | real | who | what |");
        line("|---|---|---|---|");
        timeline.forEach(e -> row(DurationText.clock(e.at()), e.realMillis() >= 0 ? e.realMillis() + " ms" : "",
                e.actor().word(), e.text()));
    }

    private void delays(Delays delays) {
        line("");
        line("## Delays");
        line("");
        line("| option | value | why |");
        line("|---|---|---|");
        for (Delay delay : Delay.values()) {
            row("`" + delay.option() + "`", DurationText.human(delays.get(delay)), delay.source());
        }
    }

    private void row(String... cells) {
        StringBuilder row = new StringBuilder("|");
        for (String cell : cells) {
            row.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        line(row.toString());
    }

    private void line(String text) {
        md.append(text).append('\n');
    }
}
