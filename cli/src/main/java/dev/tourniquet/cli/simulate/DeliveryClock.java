package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * When each delivery of a signal ends in simulated time. EventBridge invokes every target of an event at once, so the
 * deliveries of one event start together and each ends after its own handler's time, whatever order the local
 * replay ran them in; a chain event starts when the latest delivery before it has ended (conservatively: whichever
 * delivery put it).
 */
final class DeliveryClock {
    private final Map<String, Duration> starts = new HashMap<>();
    private Duration latest = Duration.ZERO;

    /** A signal arrives at {@code at}: its deliveries start then. */
    void signal(Duration at) {
        starts.clear();
        latest = at;
    }

    /** The end of one delivery of the event {@code eventId} that took {@code millis}. */
    Duration delivered(String eventId, long millis) {
        Duration end = starts.computeIfAbsent(eventId, id -> latest).plusMillis(millis);
        if (end.compareTo(latest) > 0) {
            latest = end;
        }
        return end;
    }

    /** The latest end so far: what the event history shows the handlers still running. */
    Duration latest() {
        return latest;
    }
}
