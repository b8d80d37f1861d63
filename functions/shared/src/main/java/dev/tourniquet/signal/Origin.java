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
 * @param revision     what distinguishes two deliveries of the same finding (its {@code updatedAt})
 * @param accountId    the account the signal is about
 * @param region       the region the event was emitted in
 * @param time         when the event happened
 * @param sample       whether this is a GuardDuty sample finding (recorded, never enforced)
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
        boolean sample) {

    /** Two deliveries with the same key are the same incident: a finding revision, or one event. */
    public String deduplicationKey() {
        return findingId.map(id -> source + ":" + id + ":" + revision).orElse(source + ":" + eventId);
    }
}
