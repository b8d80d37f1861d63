package dev.tourniquet.cli.simulate;

import dev.tourniquet.cli.local.UsageException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them ({@code 90s}, {@code 5m}, {@code 1.5h}, {@code 400ms}) and as the timeline shows them. */
final class DurationText {
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private DurationText() {}

    /** Parses a duration given to {@code option}; a bare number is seconds. */
    static Duration parse(String option, String text) {
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + " takes a duration such as 90s, 5m, 1.5h or 400ms, not '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> value;
            case "m", "min" -> value * 60_000;
            case "h" -> value * 3_600_000;
            default -> value * 1_000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** {@code T+01:07.3}, or {@code T+8:00:00.0} from an hour on. */
    static String clock(Duration at) {
        long tenths = at.toMillis() / 100;
        long seconds = tenths / 10;
        String tail = String.format(Locale.ROOT, "%02d:%02d.%d", seconds / 60 % 60, seconds % 60, tenths % 10);
        return seconds >= 3600 ? "T+" + seconds / 3600 + ":" + tail : "T+" + tail;
    }

    /** {@code 400 ms}, {@code 67 s}, {@code 3 min}, {@code 8 h}: how a delay is described. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + " h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + " s";
        }
        return millis + " ms";
    }
}
