package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.util.List;
import java.util.Optional;

/**
 * Contains what a contained credential created, on behalf of the first containment of it that still stands
 * (the CONTAINED marker; this incident's when there is none). Each resource's incident belongs to that
 * containment, so a later sweep of the same credential (a finding on another of its functions names it
 * again, one finding per function) claims each resource already handled as a duplicate, without a call to
 * its service, and resumes only what an earlier sweep did not complete. A credential released since is
 * contained afresh, and swept afresh.
 */
final class SweepCoordinator {
    private static final StructuredLog LOG = StructuredLog.of(SweepCoordinator.class);

    private final Records records;
    private final Sweeper sweeper;
    private final IncidentRunner incidents;

    SweepCoordinator(Records records, Sweeper sweeper, IncidentRunner incidents) {
        this.records = records;
        this.sweeper = sweeper;
        this.incidents = incidents;
    }

    ObjectNode sweep(JsonNode rawEvent, SweepRequest request) {
        String containment;
        try {
            containment = standing(records, request);
        } catch (RuntimeException e) {
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        if (!containment.equals(request.incidentId())) {
            LOG.info("sweep continues a containment").with("incident_id", request.incidentId())
                    .with("access_key_id", request.accessKeyId()).with("contained_by", containment).log();
        }
        List<Signal> resources;
        try {
            resources = sweeper.expand(request.continuing(containment));
        } catch (RuntimeException e) {
            // Reading provenance (or a region's Spot requests) failed: the sweep is retried, named.
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        return incidents.respondByRegion(rawEvent, resources);
    }

    /**
     * The containment a sweep of {@code request} works for: the first containment of its credential that still
     * stands, else the request's own incident, marked as containing it now (so that records arriving later are
     * announced to it). The function sweep, the instance sweep and the history sweep each ask, in any order.
     */
    static String standing(Records records, SweepRequest request) {
        Optional<String> standing = records.incidents().containedBy(request.accessKeyId());
        if (standing.isEmpty()) {
            records.incidents().markContained(request.accessKeyId(), request.incidentId());
        }
        return standing.orElse(request.incidentId());
    }

    /**
     * What a CloudTrail record that arrived after its credential's sweep names, as the containment's own
     * sweep would have found it: swept resources name no credential again (no chain loop).
     *
     * @param delivered the event that carried the record
     * @param record    the late record
     * @param incidentId the containment of the record's credential
     */
    List<Signal> lateSignals(Origin delivered, Provenance record, String incidentId) {
        Origin origin = new Origin(delivered.eventId(), ChainEvents.SOURCE, ChainEvents.CREDENTIAL_CONTAINED
                + " (late CloudTrail record)", Optional.empty(), Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0,
                delivered.eventId(), delivered.accountId(), delivered.region(), delivered.time(), false);
        SweepRequest request = new SweepRequest(origin, incidentId, record.accessKeyId().orElseThrow(),
                Optional.of(record.principalArn()));
        // A spot request names no instance yet: its sweep finds the instances it launched.
        return sweeper.expand(request).stream()
                .filter(s -> "spot-request".equals(record.resourceType()) || s.subject().equals(record.resourceId()))
                .toList();
    }
}
