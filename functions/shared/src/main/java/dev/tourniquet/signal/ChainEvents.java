package dev.tourniquet.signal;

/** The names of Tourniquet's own chain events on its event bus (see {@code template.yaml}). */
public final class ChainEvents {
    public static final String SOURCE = "tourniquet";
    /** Emitted for the credential that created a mining resource; the credential function contains it. */
    public static final String CREDENTIAL_COMPROMISED = "Credential Compromised";
    /** Emitted when a credential was contained; the sweeps contain what it created. */
    public static final String CREDENTIAL_CONTAINED = "Credential Contained";
    /**
     * Emitted by record-provenance for a CloudTrail record whose caller was contained already (CloudTrail is
     * minutes behind): the function or instance it names is contained as that containment's sweep would have.
     */
    public static final String RESOURCE_OF_CONTAINED_CREDENTIAL = "Resource Of Contained Credential";

    /**
     * Emitted for a spend-creating CloudTrail record outside the owner's footprint (by record-provenance from the
     * event, by the footprint's inventory, by the cost and usage brakes from the CloudTrail history): the function or
     * instance it names is contained at once, as its own incident whose finding type names the rule broken
     * ({@code Footprint:AllowedRegions} …). Its caller is named separately, as {@link #CREDENTIAL_COMPROMISED}.
     */
    public static final String RESOURCE_OUTSIDE_FOOTPRINT = "Resource Outside Footprint";

    /**
     * Not an event: the finding type recorded on a resource that the sweep of a credential implicated only as a
     * creator held beyond its count (reversibly stopped, awaiting {@code ./tourniquet confirm} or release).
     */
    public static final String CREATOR_HOLD = "Creator Sweep Hold";

    /**
     * Not an event: the finding type recorded on a resource that appeared inside a contained credential's exposure
     * window before CloudTrail named its creator, held provisionally (stopped) until provenance clears it (released)
     * or names the incident (contained in full).
     */
    public static final String EXPOSURE_HOLD = "Exposure Hold";

    /**
     * Not an event: the finding type recorded on a resource outside the owner's footprint that the footprint's
     * inventory found with no CloudTrail record of its creator, held (stopped) until provenance clears it (released)
     * or names a caller outside every exemption (announced as {@link #RESOURCE_OUTSIDE_FOOTPRINT}).
     */
    public static final String FOOTPRINT_HOLD = "Footprint Hold";

    /**
     * Emitted by a sweep that could not finish within its invocation: the same sweep, continued by the same function
     * in the next invocation, where resources already handled are found done and skipped.
     */
    public static final String SWEEP_CONTINUED = "Sweep Continued";

    private ChainEvents() {}
}
