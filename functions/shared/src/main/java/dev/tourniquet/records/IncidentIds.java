package dev.tourniquet.records;

import dev.tourniquet.signal.Signal;
import java.nio.charset.StandardCharsets;

/**
 * Incident ids derived from what makes an incident unique (the event or finding, and the compromised
 * resource), so that every delivery of the same thing names the same incident.
 */
public final class IncidentIds {
    private IncidentIds() {}

    public static String of(Signal signal) {
        String key = signal.origin().deduplicationKey() + "|" + signal.subject();
        return "inc-" + EvidenceBundle.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 20);
    }
}
