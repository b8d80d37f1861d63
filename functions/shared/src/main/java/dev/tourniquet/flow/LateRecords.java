package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import java.util.List;

/**
 * Contains what a CloudTrail record names when its credential was contained before the record arrived (CloudTrail
 * is minutes behind the call): record-provenance stored the record and announced it, and the resource is contained
 * now, as the containment's own sweep would have contained it, rather than at the next finding.
 */
final class LateRecords {
    private static final StructuredLog LOG = StructuredLog.of(LateRecords.class);

    private final SweepCoordinator sweeps;
    private final IncidentRunner incidents;

    LateRecords(SweepCoordinator sweeps, IncidentRunner incidents) {
        this.sweeps = sweeps;
        this.incidents = incidents;
    }

    ObjectNode contain(JsonNode rawEvent, ParseResult.LateRecord late) {
        List<Signal> signals;
        try {
            signals = sweeps.lateSignals(late.origin(), late.record(), late.containment());
        } catch (RuntimeException e) {
            // Reading provenance failed: the delivery is retried, named.
            throw new IncidentFailedException(late.containment(), Failure.classify(e));
        }
        LOG.info("late record of a contained credential").with("event_id", late.origin().eventId())
                .with("resource_arn", late.record().resourceId()).with("contained_by", late.containment())
                .with("resources", signals.size()).log();
        if (signals.isEmpty()) {
            return Responses.status("nothing_to_do").put("reason", "the record names nothing this function contains"
                    + " (no provenance of " + late.record().resourceId() + " by its credential)");
        }
        return incidents.respond(rawEvent, signals);
    }
}
