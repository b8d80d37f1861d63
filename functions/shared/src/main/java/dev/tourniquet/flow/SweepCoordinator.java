package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepContinuation;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Contains what a contained credential created, on behalf of the first containment of it that still stands
 * (the CONTAINED marker; this incident's when there is none). Each resource's incident belongs to that
 * containment, so a later sweep of the same credential (a finding on another of its functions names it
 * again, one finding per function) claims each resource already handled as a duplicate, without a call to
 * its service, and resumes only what an earlier sweep did not complete. A credential released since is
 * contained afresh, and swept afresh. Every sweep of a containment is judged inside the first containment's
 * exposure window ({@link #bounded}); what it lists or holds instead of containing is alerted once per sweep.
 */
final class SweepCoordinator {
    private static final StructuredLog LOG = StructuredLog.of(SweepCoordinator.class);

    private static final String LATE = ChainEvents.CREDENTIAL_CONTAINED + " (late CloudTrail record)";

    private final Records records;
    private final Sweeper sweeper;
    private final IncidentRunner incidents;
    private final Notices notices;
    private final StopFirst stopFirst;
    private final SweepChain chain;

    SweepCoordinator(Records records, Sweeper sweeper, IncidentRunner incidents, Notices notices, StopFirst stopFirst) {
        this.records = records;
        this.sweeper = sweeper;
        this.incidents = incidents;
        this.notices = notices;
        this.stopFirst = stopFirst;
        this.chain = new SweepChain(records, incidents.handler(), notices);
    }

    ObjectNode sweep(JsonNode rawEvent, SweepRequest request) {
        return sweep(rawEvent, request, SweepContinuation.first(request.origin()), SweepBudget.UNLIMITED);
    }

    /**
     * One invocation of a sweep: incidents are started while {@code budget} allows; what it leaves is continued
     * ({@link SweepChain}) at the next hop after {@code at}.
     */
    ObjectNode sweep(JsonNode rawEvent, SweepRequest request, SweepContinuation at, SweepBudget budget) {
        SweepRequest bounded;
        try {
            bounded = standing(records, request);
        } catch (RuntimeException e) {
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        if (!bounded.incidentId().equals(request.incidentId())) {
            LOG.info("sweep continues a containment").with("incident_id", request.incidentId())
                    .with("access_key_id", request.accessKeyId()).with("contained_by", bounded.incidentId()).log();
        }
        Swept swept;
        try {
            swept = sweeper.expand(bounded);
        } catch (RuntimeException e) {
            // Reading provenance (or a region's Spot requests, or a creator's shapes) failed: retried, named.
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        if (swept.listsAnything() && at.hop() == 0) {
            notices.swept(bounded, swept);
        }
        // Stop first, everywhere (one call per resource); then each resource's full incident, both within the budget:
        // what either leaves is continued, the stops already made found STOPPED and not made again.
        ObjectNode stopped = stopFirst.stop(swept.acted(), budget::mayStart);
        Responses.Collected run = incidents.respondByRegion(rawEvent, swept.acted(), budget);
        ObjectNode response = chain.settle(request, bounded.incidentId(), at, run, run.notStarted());
        response.set("stoppedFirst", stopped);
        swept.beforeWindow().forEach(p -> response.withArray("beforeWindow").add(p.resourceId()));
        swept.unlike().forEach(p -> response.withArray("notOfFlaggedShape").add(p.resourceId()));
        swept.hold().forEach(s -> response.withArray("held").add(s.subject()));
        return response;
    }

    /**
     * A later sweep of a credential contained already, on behalf of the first containment: its window never opens
     * later than the first one's (a later finding about the same key must not shrink what is judged), and it is a
     * creator's bounded sweep only while no containment found the key exposed itself.
     */
    static SweepRequest bounded(SweepRequest request, IncidentStore.Containment standing) {
        Instant start = standing.windowStart().isBefore(request.windowStart()) ? standing.windowStart()
                : request.windowStart();
        boolean creator = request.implication() == Implication.CREATOR
                && standing.implication() == Implication.CREATOR;
        Implication how = creator ? Implication.CREATOR
                : request.implication() == Implication.CREATOR ? standing.implication() : request.implication();
        Optional<String> flagged = creator ? standing.flaggedResource().or(request::flaggedResource)
                : Optional.empty();
        return request.continuing(standing.incidentId()).within(start, how, flagged);
    }

    /**
     * The sweep {@code request} becomes: on behalf of the first containment of its credential that still stands,
     * inside that containment's window ({@link #bounded}), else the request itself, its incident marked as containing
     * the credential now with its window (so that records arriving later are announced to it and judged inside it). The function sweep, the instance sweep and the history sweep each ask, in any order.
     */
    static SweepRequest standing(Records records, SweepRequest request) {
        Optional<IncidentStore.Containment> standing = records.incidents().containment(request.accessKeyId());
        if (standing.isEmpty()) {
            records.incidents().markContained(request.accessKeyId(), new IncidentStore.Containment(
                    request.incidentId(), request.windowStart(), request.implication(), request.flaggedResource()));
        }
        return standing.map(first -> bounded(request, first)).orElse(request);
    }

    /** Whether a sweep stands for one late record (its caller is not the contained principal by that alone). */
    static boolean isLate(SweepRequest request) {
        return LATE.equals(request.origin().detailType());
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
        Origin origin = new Origin(delivered.eventId(), ChainEvents.SOURCE, LATE, Optional.empty(), Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0,
                delivered.eventId(), delivered.accountId(), delivered.region(), delivered.time(), false);
        String key = record.accessKeyId().orElseThrow();
        // Judged inside the containment's own window and bound, as its sweep would have judged it.
        SweepRequest request = records.incidents().containment(key)
                .filter(c -> c.incidentId().equals(incidentId))
                .map(c -> new SweepRequest(origin, incidentId, key, Optional.of(record.principalArn()),
                        c.windowStart(), c.implication(), c.flaggedResource()))
                .orElseGet(() -> new SweepRequest(origin, incidentId, key, Optional.of(record.principalArn())));
        // A spot request (a group, a template, a fleet) names no instance yet: its sweep finds the instances it launched; a layer, the functions
        // running it (their creator is the layer's record).
        return sweeper.expand(request).acted().stream()
                .filter(s -> "spot-request".equals(record.resourceType())
                        || dev.tourniquet.signal.LaunchSource.TYPES.contains(record.resourceType())
                        || s.subject().equals(record.resourceId())
                        || s instanceof CompromisedFunction f && f.facts().flatMap(FunctionFacts::creator)
                        .filter(c -> c.resourceId().equals(record.resourceId())).isPresent())
                .toList();
    }
}
