package dev.tourniquet.signal;

import java.time.Instant;
import java.util.Optional;

/**
 * Tourniquet's own "credential contained" chain event: every resource this credential created or
 * changed (from provenance) is to be contained too.
 *
 * @param origin       the chain event
 * @param incidentId   the incident that contained the credential
 * @param accessKeyId  the contained key
 * @param principalArn the contained principal, when known
 * @param windowStart  when the credential's exposure window opened (the look-back before the earliest signal about
 *                     it): what it did before is listed for a human, never touched; {@link Instant#EPOCH} when the
 *                     chain event names no window (unbounded, as before windows existed)
 * @param implication  how the credential came into the incident, which bounds how far the sweep reaches
 * @param flaggedResource for {@link Implication#CREATOR}: the resource whose catching implicated the credential
 */
public record SweepRequest(Origin origin, String incidentId, String accessKeyId, Optional<String> principalArn,
                           Instant windowStart, Implication implication, Optional<String> flaggedResource) {

    /** A sweep of an exposed credential with no window (unbounded). */
    public SweepRequest(Origin origin, String incidentId, String accessKeyId, Optional<String> principalArn) {
        this(origin, incidentId, accessKeyId, principalArn, Instant.EPOCH, Implication.EXPOSED, Optional.empty());
    }

    /** The same sweep, on behalf of the containment {@code containment} (the first that still stands). */
    public SweepRequest continuing(String containment) {
        return new SweepRequest(origin, containment, accessKeyId, principalArn, windowStart, implication,
                flaggedResource);
    }

    /** Whether a call made at {@code time} falls inside the exposure window (the window has no end before now). */
    public boolean inWindow(Instant time) {
        return !time.isBefore(windowStart);
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

    /**
     * Where a resource held beyond a creator sweep's count comes from ({@link ChainEvents#CREATOR_HOLD}): an incident
     * of its own, apart from the one a full containment of the same resource by this containment would be, so that a
     * later sweep that widens (the key reported exposed after all) contains it in full.
     */
    public Origin heldOrigin(String accountId, String region) {
        Origin resource = resourceOrigin(accountId, region);
        return new Origin(resource.eventId(), resource.source(), resource.detailType(),
                Optional.of(incidentId + "#hold"), Optional.of(ChainEvents.CREATOR_HOLD), 0, "", resource.accountId(),
                region, resource.time(), false);
    }

    /**
     * Where a resource held by the exposure hold comes from ({@link ChainEvents#EXPOSURE_HOLD}): found inside the
     * window with no creator recorded yet. An incident of its own ({@code #exposure}), apart from the full containment
     * the same resource gets under this containment once provenance names the incident.
     */
    public Origin provisionalOrigin(String accountId, String region) {
        Origin resource = resourceOrigin(accountId, region);
        return new Origin(resource.eventId(), resource.source(), resource.detailType(),
                Optional.of(incidentId + "#exposure"), Optional.of(ChainEvents.EXPOSURE_HOLD), 0, "",
                resource.accountId(), region, resource.time(), false);
    }

    /** The same sweep judged inside another window, implication and flagged resource (a standing containment's). */
    public SweepRequest within(Instant start, Implication how, Optional<String> flagged) {
        return new SweepRequest(origin, incidentId, accessKeyId, principalArn, start, how, flagged);
    }
}
