package dev.tourniquet.cli.simulate;

import java.time.Duration;

/**
 * One line of the timeline.
 *
 * @param at         when it happened on the simulated clock
 * @param actor      who acted
 * @param kind       what sort of thing happened (the chart colours by it)
 * @param text       what happened
 * @param realMillis the measured wall time it took, or -1 when nothing ran (a simulated event)
 */
record TimelineEntry(Duration at, Actor actor, Kind kind, String text, long realMillis) {

    enum Actor {
        ATTACKER, AWS, TOURNIQUET;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    enum Kind {
        /** The attacker acted and it worked. */
        ATTACK,
        /** The attacker (or its miner) was stopped. */
        BLOCKED,
        /** A miner ran (the money burns). */
        MINING,
        /** AWS emitted an event. */
        SIGNAL,
        /** Tourniquet changed something, or the emulator shows a resource now contained. */
        CONTAINMENT,
        /** Tourniquet planned, recorded, or had nothing to do. */
        NOTE
    }
}
