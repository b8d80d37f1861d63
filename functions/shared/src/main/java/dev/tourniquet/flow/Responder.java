package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Delivery;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import java.util.List;

/**
 * The flow every handler shares, for one parsed delivery: signals become incidents ({@link IncidentRunner}),
 * provenance is stored ({@link ProvenanceIntake}), a contained credential is swept ({@link SweepCoordinator}).
 * Maps the result to done, nothing to do, rejected input (logged once, returned normally, never retried) or
 * a thrown {@link IncidentFailedException} (Lambda retries the delivery twice, then dead-letters).
 */
public final class Responder {
    private static final StructuredLog LOG = StructuredLog.of(Responder.class);

    private final String handler;
    private final Records records;
    private final Playbook playbook;
    private final IncidentRunner incidents;
    private final SweepCoordinator sweeps;
    private final ProvenanceIntake provenance;
    private final ContainmentGuard guard;

    public Responder(String handler, Configuration configuration, Records records, SignalEnricher enricher,
                     Playbook playbook, Sweeper sweeper) {
        this.handler = handler;
        this.records = records;
        this.playbook = playbook;
        this.incidents = new IncidentRunner(handler, configuration, records, enricher, playbook);
        this.sweeps = new SweepCoordinator(records, sweeper, incidents);
        this.provenance = new ProvenanceIntake(records, sweeps, incidents);
        this.guard = new ContainmentGuard(records, configuration);
    }

    /** Handles one delivery; returns the response document or throws for a retry. */
    public ObjectNode handle(Delivery delivery) {
        return switch (delivery.parsed()) {
            case ParseResult.Rejected rejected -> {
                LOG.error("rejected input").with("event_id", delivery.eventId()).with("reason", rejected.reason())
                        .with("handler", handler).log();
                yield Responses.status("rejected").put("reason", rejected.reason());
            }
            case ParseResult.Ignored ignored -> {
                LOG.info("nothing to do").with("event_id", delivery.eventId()).with("reason", ignored.reason()).log();
                yield Responses.status("nothing_to_do").put("reason", ignored.reason());
            }
            case ParseResult.Observed observed -> observed(delivery, observed);
            case ParseResult.Sweep sweep -> sweeps.sweep(delivery.raw(), sweep.request());
            case ParseResult.Signals signals -> {
                List<Signal> held = guarded(delivery, signals.signals());
                yield held.isEmpty() ? Responses.status("nothing_to_do")
                        .put("reason", "no open incident holds what the change touched")
                        : incidents.respond(delivery.raw(), held);
            }
        };
    }

    // The same call may both be provenance and undo a containment (an instance started that Tourniquet stopped):
    // the containment is re-applied first, the provenance recorded after.
    private ObjectNode observed(Delivery delivery, ParseResult.Observed observed) {
        List<Signal> held = observed.undone().isEmpty() ? List.of() : guarded(delivery, observed.undone());
        ObjectNode reapplied = held.isEmpty() ? null : incidents.respond(delivery.raw(), held);
        ObjectNode response = provenance.record(delivery.raw(), delivery.eventId(), observed);
        if (reapplied != null) {
            response.set("reapplied", reapplied);
        }
        return response;
    }

    // Reading the holds failed: the delivery is retried, as an incident whose claim failed is.
    private List<Signal> guarded(Delivery delivery, List<Signal> signals) {
        try {
            return guard.held(signals);
        } catch (RuntimeException e) {
            throw new IncidentFailedException("holds of " + delivery.eventId(), dev.tourniquet.internal.Failure.classify(e));
        }
    }

    /** Builds every client the records need now (the SnapStart priming hook: the snapshot then holds them). */
    public void primeClients() {
        records.prime();
    }

    /**
     * The plan for a delivery without touching AWS (nothing is enriched, nothing runs): what
     * {@code ./tourniquet plan} prints. A rejected event gives {@code {"handler", "error"}}.
     */
    public ObjectNode planOffline(Delivery delivery) {
        ObjectNode json = Json.object().put("handler", handler);
        switch (delivery.parsed()) {
            case ParseResult.Rejected rejected -> json.put("error", rejected.reason());
            case ParseResult.Ignored ignored -> json.put("decision", "record_only").put("rationale", ignored.reason())
                    .putArray("steps");
            case ParseResult.Observed observed -> {
                json.put("decision", "record_provenance").put("rationale", "CloudTrail record of who changed what");
                ArrayNode steps = json.putArray("steps");
                observed.records().forEach(p -> steps.addObject().put("action", "record-provenance")
                        .put("target", p.resourceId()));
            }
            case ParseResult.Sweep sweep -> json.put("decision", "sweep")
                    .put("rationale", "contain every resource the credential created or changed (read from provenance"
                            + " at run time)")
                    .putArray("steps").addObject().put("action", "sweep-resources-of")
                    .put("target", sweep.request().accessKeyId());
            case ParseResult.Signals signals -> {
                ArrayNode plans = Json.MAPPER.createArrayNode();
                signals.signals().forEach(signal -> plans.add(playbook.plan(signal).toJson(handler)
                        .put("incidentId", IncidentIds.of(signal))));
                if (plans.size() == 1) {
                    return (ObjectNode) plans.get(0);
                }
                json.set("plans", plans);
            }
        }
        return json;
    }
}
