package dev.tourniquet.flow;

import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.FootprintBreachEvent;
import dev.tourniquet.signal.Provenance;

/**
 * Announces a record the footprint's inventory found a non-exempt caller behind, as the
 * {@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT} chain event the event path would have put: once per record (noted after
 * the event is put; a repeat after a failed note is absorbed by the breach's own incident, {@code footprint/<resource>}).
 */
final class FootprintAnnouncer {
    private final Records records;

    FootprintAnnouncer(Records records) {
        this.records = records;
    }

    void announce(FootprintRun run, Provenance record, String rule, String description) {
        FootprintRecords store = records.footprint();
        if (store.announced(record.resourceId(), record.eventId())) {
            return;
        }
        records.chainEvents().put(ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT, FootprintBreachEvent.detail(record, rule,
                FootprintBreach.FINDING_PREFIX + rule, description + " (found by the footprint's inventory; its"
                        + " CloudTrail event was missed or is late)"));
        store.markAnnounced(record.resourceId(), record.eventId(), run.now);
        run.lines.add("ANNOUNCED " + record.resourceId() + ": " + description + "; " + record.eventName() + " by "
                + FootprintAttribution.caller(record) + " at " + record.time() + ", contained as '"
                + ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT + "'");
    }
}
