package dev.tourniquet.signal;

/** The names of Tourniquet's own chain events on its event bus (see {@code template.yaml}). */
public final class ChainEvents {
    public static final String SOURCE = "tourniquet";
    /** Emitted for the credential that created a mining resource; the credential function contains it. */
    public static final String CREDENTIAL_COMPROMISED = "Credential Compromised";
    /** Emitted when a credential was contained; the sweeps contain what it created. */
    public static final String CREDENTIAL_CONTAINED = "Credential Contained";

    private ChainEvents() {}
}
