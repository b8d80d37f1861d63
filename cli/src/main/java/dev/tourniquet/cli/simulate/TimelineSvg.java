package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The timeline as an inline SVG chart: one lane each for the attacker, AWS's signals and Tourniquet, and
 * one bar per attacker resource from its creation to its containment. No script, no external font.
 */
final class TimelineSvg {
    private static final int WIDTH = 960;
    private static final int LEFT = 250;
    private static final int RIGHT = 20;
    private static final int LANE = 34;
    private static final int ROW = 22;

    private final StringBuilder svg = new StringBuilder();
    private final double scale;

    private TimelineSvg(Duration span) {
        this.scale = (WIDTH - LEFT - RIGHT) / (double) Math.max(span.toMillis(), 60_000);
    }

    static String render(SimulationResult result) {
        Duration span = result.played();
        return new TimelineSvg(span).draw(result, span).svg.toString();
    }

    private TimelineSvg draw(SimulationResult result, Duration span) {
        List<AttackerOutcome> bars = result.attacker();
        int lanesBottom = 20 + 3 * LANE;
        int height = lanesBottom + 20 + bars.size() * ROW + 50;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Timeline of the simulated attack\">%n",
                WIDTH, height, WIDTH, height));
        svg.append("<style>text{font:12px sans-serif;fill:#222}.tick{fill:#666;font-size:11px}</style>\n");
        axis(span, height - 30);
        legend(height - 6);
        TimelineEntry.Actor[] actors = TimelineEntry.Actor.values();
        for (int i = 0; i < actors.length; i++) {
            int y = 20 + i * LANE + LANE / 2;
            text(10, y + 4, actors[i].word(), "");
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    LEFT, y, WIDTH - RIGHT, y));
        }
        for (TimelineEntry e : result.timeline()) {
            int y = 20 + e.actor().ordinal() * LANE + LANE / 2;
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\" fill-opacity=\"0.8\">"
                    + "<title>%s</title></circle>%n", x(e.at()), y, colour(e.kind()),
                    Html.escape(DurationText.clock(e.at()) + " " + e.text())));
        }
        for (int i = 0; i < bars.size(); i++) {
            bar(bars.get(i), span, lanesBottom + 20 + i * ROW);
        }
        svg.append("</svg>\n");
        return this;
    }

    private void bar(AttackerOutcome outcome, Duration span, int y) {
        AttackerResource resource = outcome.resource();
        Duration end = outcome.containedAt().orElse(span);
        text(10, y + 12, shortLabel(resource.label()), "");
        double from = x(resource.createdAt());
        double width = Math.max(2, x(end) - from);
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"14\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", from, y, width, outcome.contained() ? "#e8a09a" : "#c0392b",
                Html.escape(resource.label() + ": " + outcome.state())));
        if (outcome.containedAt().isPresent()) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"4\" height=\"14\" fill=\"#27ae60\"/>%n",
                    x(end) - 2, y));
        } else {
            text((int) Math.min(x(end) - 95, WIDTH - RIGHT - 95), y + 11, "not contained", " style=\"fill:#fff\"");
        }
    }

    private void axis(Duration span, int labelY) {
        long minutes = Math.max(1, span.toMinutes());
        long step = minutes <= 20 ? 1 : minutes <= 60 ? 5 : 30;
        for (long m = 0; m <= minutes; m += step) {
            double x = x(Duration.ofMinutes(m));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"%d\" stroke=\"#f0f0f0\"/>%n",
                    x, x, labelY - 14));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
                    + "%dm</text>%n", x, labelY, m));
        }
    }

    private void legend(int y) {
        int x = LEFT;
        for (TimelineEntry.Kind kind : TimelineEntry.Kind.values()) {
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/>%n", x, y - 4,
                    colour(kind)));
            String word = kind.name().toLowerCase(Locale.ROOT);
            text(x + 9, y, word, " class=\"tick\"");
            x += 22 + word.length() * 7;
        }
    }

    // The label column is LEFT pixels wide: about 36 characters of 12 px sans-serif.
    private static String shortLabel(String label) {
        return label.length() <= 36 ? label : label.substring(0, 35) + "\u2026";
    }

    private void text(int x, int y, String text, String attributes) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y, attributes,
                Html.escape(text)));
    }

    private double x(Duration at) {
        return LEFT + at.toMillis() * scale;
    }

    private static String colour(TimelineEntry.Kind kind) {
        return switch (kind) {
            case ATTACK -> "#c0392b";
            case BLOCKED -> "#7f8c8d";
            case MINING -> "#e67e22";
            case SIGNAL -> "#2980b9";
            case CONTAINMENT -> "#27ae60";
            case NOTE -> "#b0b0b0";
        };
    }
}
