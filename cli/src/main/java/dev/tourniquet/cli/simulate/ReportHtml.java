package dev.tourniquet.cli.simulate;

import java.util.List;

/** {@code report.html}: one self-contained page (inline style and SVG; no script, no external font or file). */
final class ReportHtml {
    private final StringBuilder html = new StringBuilder();

    private ReportHtml() {}

    static String render(SimulationReport report) {
        return new ReportHtml().page(report).html.toString();
    }

    private ReportHtml page(SimulationReport report) {
        SimulationResult result = report.result();
        Verdict verdict = report.verdict();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Tourniquet simulation</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1000px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;")
                .append("text-align:left;vertical-align:top;font-size:13px}.pass{color:#1e7e34}.fail{color:#b00020}")
                .append("</style></head><body>\n");
        element("h1", "Tourniquet simulation: a leaked key and a mining attack");
        element("p", "Mode " + report.mode() + ", emulator " + report.endpoint() + ", key pushed at "
                + result.pushedAt() + " (T0). Played " + DurationText.clock(result.played()) + " of simulated time in "
                + result.wallMillis() + " ms.");
        html.append("<h2 class=\"").append(verdict.passed() ? "pass" : "fail").append("\">")
                .append(Html.escape(verdict.summary())).append("</h2>\n");
        html.append("<p>Beyond the key: ").append(Html.escape(verdict.beyondTheKey())).append(". ")
                .append(Html.escape(Deployments.sentence(result))).append("</p>\n");
        element("p", "Incidents opened: " + result.incidents().size() + ".");
        CostComparison cost = report.cost();
        table(List.of("", "total"), List.of(
                List.of("without Tourniquet (the owner notices after " + DurationText.human(cost.ownerNoticesAfter())
                        + ")", Money.format(cost.withoutTotal())),
                List.of("with Tourniquet", Money.format(cost.withTotal())),
                List.of("saved", Money.format(cost.saved()) + " (" + cost.savedPercent().toPlainString() + " %)")));
        html.append(TimelineSvg.render(result));
        element("h2", "Attacker resources");
        table(List.of("resource", "created", "contained", "state"), result.attacker().stream().map(o -> List.of(
                o.resource().label(), DurationText.clock(o.resource().createdAt()),
                o.containedAt().map(DurationText::clock).orElse(o.contained() ? "yes" : "no"), o.state()
                        + Deployments.remarks(o, result))).toList());
        element("h2", "Owner resources");
        table(List.of("resource", "untouched"), result.owner().stream().map(o -> List.of(o.label(),
                o.untouched() ? "yes" : "no: was " + o.before() + ", now " + o.after())).toList());
        if (!report.wouldHaveDone().isEmpty()) {
            element("h2", "What plan mode would have done");
            table(List.of("incident", "function", "step", "target", "detail"), report.wouldHaveDone().stream()
                    .map(s -> List.of(s.incidentId(), s.function(), s.step(), s.target(), s.detail())).toList());
        }
        costs(cost);
        element("h2", "Timeline");
        table(List.of("simulated", "real", "who", "what"), result.timeline().stream().map(e -> List.of(
                DurationText.clock(e.at()), e.realMillis() >= 0 ? e.realMillis() + " ms" : "", e.actor().word(),
                e.text())).toList());
        element("h2", "Delays");
        table(List.of("option", "value", "why"), java.util.Arrays.stream(Delay.values()).map(d -> List.of(d.option(),
                DurationText.human(report.delays().get(d)), d.source())).toList());
        element("h2", "Notes");
        html.append("<ul>\n");
        report.notes().forEach(n -> element("li", n));
        html.append("</ul>\n</body></html>\n");
        return this;
    }

    private void costs(CostComparison cost) {
        element("h2", "Cost arithmetic");
        element("h3", "Without Tourniquet");
        table(List.of("resource", "arithmetic"), cost.without().stream().map(l -> List.of(l.resource(),
                l.arithmetic())).toList());
        element("h3", "With Tourniquet");
        table(List.of("resource", "arithmetic"), cost.with().stream().map(l -> List.of(l.resource(),
                l.arithmetic())).toList());
        element("p", "List prices (on-demand, before free tier), recorded " + ListPrices.RECORDED + " from "
                + ListPrices.SOURCES + ":");
        table(List.of("item", "regions", "price", "unit"), ListPrices.table().stream().map(p -> List.of(p.item(),
                p.regions(), p.usd().toPlainString(), p.unit())).toList());
    }

    private void table(List<String> header, List<List<String>> rows) {
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(Html.escape(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(Html.escape(cell)).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private void element(String tag, String text) {
        html.append('<').append(tag).append('>').append(Html.escape(text)).append("</").append(tag).append(">\n");
    }
}
