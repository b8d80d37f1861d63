package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.TagWrites;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stores who created or changed what. A record of a credential already contained arrived after its sweep
 * (CloudTrail is minutes behind): what it names is contained now, not at the next finding.
 */
final class ProvenanceIntake {
    private static final StructuredLog LOG = StructuredLog.of(ProvenanceIntake.class);

    private final Records records;
    private final SweepCoordinator sweeps;
    private final IncidentRunner incidents;

    ProvenanceIntake(Records records, SweepCoordinator sweeps, IncidentRunner incidents) {
        this.records = records;
        this.sweeps = sweeps;
        this.incidents = incidents;
    }

    ObjectNode record(JsonNode rawEvent, String eventId, ParseResult.Observed observed) {
        List<Signal> late = new ArrayList<>();
        for (Provenance record : observed.records()) {
            Optional<String> containedBy;
            try {
                records.provenance().record(record);
                // Tag writes and created identities are kept for judging exempt tags: nothing to sweep.
                containedBy = sweepable(record) ? record.accessKeyId().flatMap(key -> records.incidents().containedBy(key))
                        : Optional.empty();
            } catch (RuntimeException e) {
                throw new IncidentFailedException(eventId, Failure.classify(e));
            }
            LOG.info("provenance recorded").with("event_id", eventId).with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("event_name", record.eventName())
                    .with("contained_by", containedBy.orElse(null)).log();
            try {
                containedBy.ifPresent(incident -> late.addAll(sweeps.lateSignals(observed.origin(), record, incident)));
            } catch (RuntimeException e) {
                throw new IncidentFailedException(eventId, Failure.classify(e));
            }
        }
        if (late.isEmpty()) {
            return Responses.status("recorded").put("provenance", observed.records().size());
        }
        return incidents.respond(rawEvent, late).put("provenance", observed.records().size());
    }

    private static boolean sweepable(Provenance record) {
        return !TagWrites.TAG.equals(record.resourceType()) && !TagWrites.IDENTITY.equals(record.resourceType());
    }
}
