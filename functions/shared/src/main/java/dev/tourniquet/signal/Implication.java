package dev.tourniquet.signal;

/**
 * How a contained credential came to be part of an incident, which decides how far its sweep may reach.
 */
public enum Implication {
    /** Reported exposed or compromised (AWS Health, a finding on the key), or caught tampering: its whole window. */
    EXPOSED,
    /**
     * Implicated only through a resource it created that was caught: its sweep is bounded by the shape of that
     * resource and by a count, so that a CI key keeps what it deployed legitimately.
     */
    CREATOR,
    /** An identity (user, key, role) that an incident's credential created: everything it did is the incident's. */
    INCIDENT_IDENTITY;

    /** The chain event's spelling, {@code exposed}, {@code creator}, {@code incident-identity}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The implication a chain event names; {@link #EXPOSED} when it names none (events of earlier versions). */
    public static Implication parse(String id) {
        for (Implication implication : values()) {
            if (implication.id().equals(id)) {
                return implication;
            }
        }
        return EXPOSED;
    }
}
