package dev.tourniquet.it;

import dev.tourniquet.internal.RatePacer;

/**
 * Time for pacers ({@link RatePacer.Time}) that never waits: each thread keeps its own virtual clock, which
 * sleeping moves on at once. Threads meet where it matters, at a pacer's region slot: a region's next call
 * leaves no earlier than the previous one's interval after it, on the clock of the thread that sent it, so calls
 * are spaced as they would be in real time, and an interceptor reading the same clock right after the pacer
 * stamps each call with the moment it left. Work outside the pacers (the emulator's answers) takes no virtual
 * time: a virtual duration is the pacing alone.
 */
final class VirtualTime {
    private final ThreadLocal<long[]> now = ThreadLocal.withInitial(() -> new long[1]);

    RatePacer.Time time() {
        return new RatePacer.Time(() -> now.get()[0], nanos -> now.get()[0] += Math.max(0, nanos));
    }
}
