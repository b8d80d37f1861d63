package dev.tourniquet.records;

/**
 * What a release did to one applied step of an incident.
 *
 * @param step   the step as the incident recorded it
 * @param result restored, nothing left, failed or left for a person
 * @param detail what was restored, or why not (the step's by-hand undo for {@link Result#BY_HAND})
 */
public record Restoration(RecordedStep step, Result result, String detail) {

    /** How release records name a step: its id and target. */
    public static String key(String step, String target) {
        return step + "\n" + target;
    }

    public enum Result {
        /** The prior state is back. */
        RESTORED,
        /** The resource or the change is gone already: nothing left to restore. */
        NOTHING_LEFT,
        /** The reversal failed; running the release again retries it. */
        FAILED,
        /** No automatic reversal: the step's own undo text says what, if anything, to do by hand. */
        BY_HAND
    }
}
