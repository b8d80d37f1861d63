package dev.tourniquet.signal;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a signal came from: the event that carried it and, for a GuardDuty finding, which finding.
 *
 * @param eventId      the EventBridge event id
 * @param source       the event source ({@code aws.guardduty}, {@code aws.health}, {@code tourniquet} …)
 * @param detailType   the EventBridge detail-type
 * @param findingId    the GuardDuty finding id, or the Health event ARN; for a resource found by a sweep, the
 *                     incident that contained its credential; empty for other sources
 * @param findingType  the GuardDuty finding type or Health event type code; empty for other sources
 * @param severity     the GuardDuty severity, 0 elsewhere
 * @param revision     which revision of the finding this is (its {@code updatedAt}): orders deliveries
 * @param accountId    the account the signal is about
 * @param region       the region the event was emitted in
 * @param time         when the event happened
 * @param sample       whether this is a GuardDuty sample finding (recorded, never enforced)
 * @param deliveredTo  the account of the EventBridge envelope that delivered it: the account a GuardDuty
 *                     administrator receives its members' findings in, where {@code accountId} is the member's
 * @param firstSeen    the earliest time the source reports for what it saw (a finding's
 *                     {@code service.eventFirstSeen}, AWS Health's {@code startTime}); {@code time} when it reports
 *                     none. A credential's exposure window opens a look-back before it.
 */
public record Origin(
        String eventId,
        String source,
        String detailType,
        Optional<String> findingId,
        Optional<String> findingType,
        double severity,
        String revision,
        String accountId,
        String region,
        Instant time,
        boolean sample,
        String deliveredTo,
        Instant firstSeen) {

    /** An origin whose source reports no earlier time than the event's own. */
    public Origin(String eventId, String source, String detailType, Optional<String> findingId,
                  Optional<String> findingType, double severity, String revision, String accountId, String region,
                  Instant time, boolean sample, String deliveredTo) {
        this(eventId, source, detailType, findingId, findingType, severity, revision, accountId, region, time, sample,
                deliveredTo, time);
    }

    /** An origin delivered in the account it is about. */
    public Origin(String eventId, String source, String detailType, Optional<String> findingId,
                  Optional<String> findingType, double severity, String revision, String accountId, String region,
                  Instant time, boolean sample) {
        this(eventId, source, detailType, findingId, findingType, severity, revision, accountId, region, time, sample,
                accountId);
    }

    /**
     * The same origin, first seen at {@code earliest} when the source says so: never later than the event itself
     * (a first-seen time after the event is a clock or parsing error, and must not shrink the window).
     */
    public Origin firstSeenAt(Optional<Instant> earliest) {
        Instant first = earliest.filter(t -> t.isBefore(time)).orElse(time);
        return new Origin(eventId, source, detailType, findingId, findingType, severity, revision, accountId, region,
                time, sample, deliveredTo, first);
    }

    /**
     * Whether this is a resource a creator sweep holds beyond its count ({@link ChainEvents#CREATOR_HOLD}): only
     * the one stopping call is made, until a person confirms or releases it.
     */
    public boolean heldBeyondCount() {
        return findingType.filter(ChainEvents.CREATOR_HOLD::equals).isPresent();
    }

    /**
     * Whether this is a resource held provisionally by an exposure hold ({@link ChainEvents#EXPOSURE_HOLD}): it
     * appeared inside a contained credential's window before CloudTrail named its creator; only the one stopping call
     * is made, until provenance clears it (released) or names the incident (contained in full).
     */
    public boolean heldProvisionally() {
        return findingType.filter(ChainEvents.EXPOSURE_HOLD::equals).isPresent();
    }

    /**
     * Whether this is a resource outside the owner's footprint that the footprint's inventory holds
     * ({@link ChainEvents#FOOTPRINT_HOLD}): no CloudTrail record names its creator; only the one stopping call is made,
     * until provenance clears it (released) or names a caller outside every exemption (contained in full).
     */
    public boolean heldByFootprint() {
        return findingType.filter(ChainEvents.FOOTPRINT_HOLD::equals).isPresent();
    }

    /** Whether only the one stopping call is planned: a hold beyond a creator's count, an exposure or footprint hold. */
    public boolean stopsOnly() {
        return heldBeyondCount() || heldProvisionally() || heldByFootprint();
    }

    /** The ARN partition of the region the event names ({@code aws}, {@code aws-cn}, {@code aws-us-gov} …). */
    public String partition() {
        return dev.tourniquet.internal.Partitions.ofRegion(region);
    }

    /** The ARN of an IAM user or role ({@code user/NAME}, {@code role/NAME}) of the account the event is about. */
    public String iamArn(String resource) {
        return dev.tourniquet.internal.Partitions.iamArn(partition(), accountId, resource);
    }

    /**
     * Two deliveries with the same key are the same incident: a finding (every revision of it), or one event.
     * A finding's revisions are one incident, not one each: revisions delivered at once would otherwise run
     * incidents side by side on one resource, each applying what the others had not applied yet. The revision
     * only orders them: one older than the newest seen is stale.
     */
    public String deduplicationKey() {
        return findingId.map(id -> source + ":" + id).orElse(source + ":" + eventId);
    }
}
