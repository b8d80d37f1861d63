package dev.tourniquet.internal;

import java.util.Locale;

/** Whether Tourniquet changes anything: {@code PLAN} records and announces, {@code ENFORCE} acts. */
public enum Mode {
    PLAN, ENFORCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "plan" or "enforce"; anything else is a configuration error, never silently enforce. */
    public static Mode parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(Locale.ROOT)) {
            case "plan" -> PLAN;
            case "enforce" -> ENFORCE;
            default -> throw new IllegalArgumentException("MODE must be plan or enforce, was '" + text + "'");
        };
    }
}
