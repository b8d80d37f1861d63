package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Tourniquet's own "credential contained" chain event: every resource this credential created or
 * changed (from provenance) is to be contained too.
 *
 * @param origin       the chain event
 * @param incidentId   the incident that contained the credential
 * @param accessKeyId  the contained key
 * @param principalArn the contained principal, when known
 */
public record SweepRequest(Origin origin, String incidentId, String accessKeyId, Optional<String> principalArn) {

    /** The same sweep, on behalf of the containment {@code containment} (the first that still stands). */
    public SweepRequest continuing(String containment) {
        return new SweepRequest(origin, containment, accessKeyId, principalArn);
    }

    /**
     * Where one resource the sweep found comes from. Its incident belongs to the containment
     * ({@link #incidentId}) rather than to the chain event that delivered the sweep, so that every later
     * sweep of the same containment finds the resource already handled (one claim, no call to its service)
     * and resumes only what did not complete.
     *
     * @param accountId the resource's account (the chain event's when unknown)
     * @param region    the resource's region
     */
    public Origin resourceOrigin(String accountId, String region) {
        return new Origin(origin.eventId(), ChainEvents.SOURCE, origin.detailType(), Optional.of(incidentId),
                Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0, "",
                accountId.isEmpty() ? origin.accountId() : accountId, region, origin.time(), false);
    }
}
