package dev.tourniquet.flow;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.records.Records;
import dev.tourniquet.internal.StructuredLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.records.AlertMessage;
import dev.tourniquet.records.EvidenceBundle;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Outcome;
import dev.tourniquet.playbook.Plan;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Envelope;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The flow every handler shares: parse → claim the incident → enrich → plan → run the steps → evidence,
 * incident record and alert. Maps the result to done, nothing to do, rejected input (logged once, returned
 * normally, never retried) or a thrown {@link IncidentFailedException} (Lambda retries the delivery twice, then
 * dead-letters). Records and alerts are each attempted even when another fails.
 */
public final class Responder {
    private static final StructuredLog LOG = StructuredLog.of(Responder.class);

    private final String handler;
    private final Configuration configuration;
    private final Records records;
    private final SignalEnricher enricher;
    private final Playbook playbook;
    private final Sweeper sweeper;
    private final SignalParser parser = new SignalParser();
    private final StepRunner runner = new StepRunner();

    /** Expands a sweep request into the signals of every resource the contained credential touched. */
    public interface Sweeper {
        List<Signal> expand(SweepRequest request);

        Sweeper NONE = request -> List.of();
    }

    public Responder(String handler, Configuration configuration, Records records, SignalEnricher enricher,
                     Playbook playbook, Sweeper sweeper) {
        this.handler = handler;
        this.configuration = configuration;
        this.records = records;
        this.enricher = enricher;
        this.playbook = playbook;
        this.sweeper = sweeper;
    }

    /** Handles one EventBridge event; returns the response document or throws for a retry. */
    public ObjectNode handle(JsonNode event) {
        ParseResult parsed = parser.parse(event);
        String eventId = Json.text(event, "/id").orElse("(none)");
        return switch (parsed) {
            case ParseResult.Rejected rejected -> {
                LOG.error("rejected input").with("event_id", eventId).with("reason", rejected.reason())
                        .with("handler", handler).log();
                yield status("rejected").put("reason", rejected.reason());
            }
            case ParseResult.Ignored ignored -> {
                LOG.info("nothing to do").with("event_id", eventId).with("reason", ignored.reason()).log();
                yield status("nothing_to_do").put("reason", ignored.reason());
            }
            case ParseResult.Observed observed -> recordProvenance(event, eventId, observed.records());
            case ParseResult.Sweep sweep -> sweep(event, sweep.request());
            case ParseResult.Signals signals -> respond(event, signals.signals());
        };
    }

    /** Builds every client the records need now (the SnapStart priming hook: the snapshot then holds them). */
    public void primeClients() {
        records.prime();
    }

    /**
     * The plan for an event without touching AWS (nothing is enriched, nothing runs): what
     * {@code ./tourniquet plan} prints. A rejected event gives {@code {"handler", "error"}}.
     */
    public ObjectNode planOffline(JsonNode event) {
        ObjectNode json = Json.object().put("handler", handler);
        switch (parser.parse(event)) {
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

    /**
     * Contains what the credential created, on behalf of the first containment of it that still stands
     * (the CONTAINED marker; this incident's when there is none). Each resource's incident belongs to that
     * containment, so a later sweep of the same credential (a finding on another of its functions names it
     * again, one finding per function) claims each resource already handled as a duplicate, without a call
     * to its service, and resumes only what an earlier sweep did not complete. A credential released since
     * is contained afresh, and swept afresh.
     */
    private ObjectNode sweep(JsonNode event, SweepRequest request) {
        String containment;
        try {
            Optional<String> standing = records.incidents().containedBy(request.accessKeyId());
            if (standing.isEmpty()) {
                records.incidents().markContained(request.accessKeyId(), request.incidentId());
            }
            containment = standing.orElse(request.incidentId());
        } catch (RuntimeException e) {
            throw new IncidentFailedException(request.incidentId(), Failure.classify(e));
        }
        if (!containment.equals(request.incidentId())) {
            LOG.info("sweep continues a containment").with("incident_id", request.incidentId())
                    .with("access_key_id", request.accessKeyId()).with("contained_by", containment).log();
        }
        return respondByRegion(event, sweeper.expand(request.continuing(containment)));
    }

    /**
     * Stores who created or changed what. A record of a credential already contained arrived after its
     * sweep (CloudTrail is minutes behind): what it names is contained now, not at the next finding.
     */
    private ObjectNode recordProvenance(JsonNode event, String eventId, List<Provenance> provenance) {
        List<Signal> late = new ArrayList<>();
        for (Provenance record : provenance) {
            Optional<String> containedBy;
            try {
                records.provenance().record(record);
                containedBy = record.accessKeyId().flatMap(key -> records.incidents().containedBy(key));
            } catch (RuntimeException e) {
                throw new IncidentFailedException(eventId, Failure.classify(e));
            }
            LOG.info("provenance recorded").with("event_id", eventId).with("resource_arn", record.resourceId())
                    .with("principal_arn", record.principalArn()).with("event_name", record.eventName())
                    .with("contained_by", containedBy.orElse(null)).log();
            containedBy.ifPresent(incident -> late.addAll(lateSweep(event, record, incident)));
        }
        if (late.isEmpty()) {
            return status("recorded").put("provenance", provenance.size());
        }
        return respond(event, late).put("provenance", provenance.size());
    }

    private List<Signal> lateSweep(JsonNode event, Provenance record, String incidentId) {
        Envelope envelope = ((Envelope.Result.Valid) Envelope.read(event)).envelope();
        // The containment's own sweep, continued: swept resources name no credential again (no chain loop).
        Origin origin = new Origin(envelope.id(), ChainEvents.SOURCE, ChainEvents.CREDENTIAL_CONTAINED
                + " (late CloudTrail record)", Optional.empty(), Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0,
                envelope.id(), envelope.account(), envelope.region(), envelope.time(), false);
        SweepRequest request = new SweepRequest(origin, incidentId, record.accessKeyId().orElseThrow(),
                Optional.of(record.principalArn()));
        // A spot request names no instance yet: its sweep finds the instances it launched.
        return sweeper.expand(request).stream()
                .filter(s -> "spot-request".equals(record.resourceType()) || s.subject().equals(record.resourceId()))
                .toList();
    }

    // One signal after another; a signal whose incident fails does not stop the others.
    private ObjectNode respond(JsonNode event, List<Signal> signals) {
        return collect(signals.stream().map(signal -> RegionalSweep.attempt(s -> respond(event, s), signal)).toList());
    }

    // The sweep's incidents run region by region, the regions side by side (see RegionalSweep).
    private ObjectNode respondByRegion(JsonNode event, List<Signal> signals) {
        return collect(RegionalSweep.run(signals, signal -> respond(event, signal)));
    }

    // The first incident failure is thrown once every signal had its turn (Lambda retries the delivery).
    private static ObjectNode collect(List<RegionalSweep.Attempt<ObjectNode>> attempts) {
        ArrayNode incidents = Json.MAPPER.createArrayNode();
        Optional<IncidentFailedException> failure = Optional.empty();
        for (RegionalSweep.Attempt<ObjectNode> attempt : attempts) {
            if (attempt.failure() instanceof IncidentFailedException failed) {
                failure = failure.or(() -> Optional.of(failed));
            } else if (attempt.failure() != null) {
                throw attempt.failure();
            } else {
                incidents.add(attempt.value());
            }
        }
        if (failure.isPresent()) {
            throw failure.get();
        }
        ObjectNode response = status(attempts.isEmpty() ? "nothing_to_do" : "done");
        response.set("incidents", incidents);
        return response;
    }

    private ObjectNode respond(JsonNode event, Signal signal) {
        String incidentId = IncidentIds.of(signal);
        IncidentStore.Claim claim = claim(incidentId, signal);
        if (claim == IncidentStore.Claim.DUPLICATE || claim == IncidentStore.Claim.STALE) {
            LOG.info("nothing to do").with("incident_id", incidentId).with("claim", claim.name().toLowerCase())
                    .with("finding_id", signal.origin().findingId().orElse(null)).log();
            return Json.object().put("incidentId", incidentId).put("subject", signal.subject())
                    .put("claim", claim.name().toLowerCase());
        }
        Signal enriched;
        try {
            // Sample findings name resources that do not exist: they are recorded, never looked up or enforced.
            enriched = signal.origin().sample() ? signal : enricher.enrich(signal);
        } catch (RuntimeException e) {
            return unenriched(incidentId, signal, Failure.classify(e));
        }
        Plan plan = playbook.plan(enriched);
        EvidenceBundle evidence = new EvidenceBundle(records.evidence(), incidentId);
        StepContext context = new StepContext(incidentId, configuration.mode(), Instant.now(), evidence);
        Outcome outcome = new Outcome(incidentId, plan, configuration.mode(), runner.run(plan.steps(), context),
                evidence.location());
        List<Failure> recordFailures = record(event, outcome, evidence);
        log(outcome, claim);
        Optional<Failure> failure = outcome.worstFailure().or(() -> recordFailures.stream().findFirst());
        if (failure.isPresent()) {
            throw new IncidentFailedException(incidentId, failure.get());
        }
        return outcome.toJson().put("claim", claim.name().toLowerCase());
    }

    private IncidentStore.Claim claim(String incidentId, Signal signal) {
        try {
            return records.incidents().open(incidentId, signal, configuration.mode().id());
        } catch (RuntimeException e) {
            throw new IncidentFailedException(incidentId, Failure.classify(e));
        }
    }

    // The signal could not be completed from AWS: a resource that is gone ends the incident; anything else retries.
    private ObjectNode unenriched(String incidentId, Signal signal, Failure failure) {
        boolean gone = failure.kind() == Failure.Kind.GONE;
        attempt(() -> records.incidents().close(incidentId, gone ? IncidentStore.COMPLETED : IncidentStore.FAILED,
                gone ? "resource_gone" : "enrichment_failed", "[]", ""));
        LOG.warn(gone ? "resource gone" : "enrichment failed").with("incident_id", incidentId)
                .with("resource_arn", signal.subject()).with("reason", failure.message()).log();
        if (!gone) {
            throw new IncidentFailedException(incidentId, failure);
        }
        return Json.object().put("incidentId", incidentId).put("decision", "resource_gone")
                .put("reason", failure.message());
    }

    private List<Failure> record(JsonNode event, Outcome outcome, EvidenceBundle evidence) {
        List<Failure> failures = new ArrayList<>();
        attempt(() -> {
            evidence.putJson("event.json", event);
            evidence.putJson("prior-state.json", priorStates(outcome));
            evidence.putJson("actions.json", outcome.toJson());
            evidence.writeManifest();
        }).ifPresent(failures::add);
        String status = outcome.worstFailure().isPresent() ? IncidentStore.FAILED : IncidentStore.COMPLETED;
        attempt(() -> records.incidents().close(outcome.incidentId(), status, outcome.plan().decision().id(),
                Json.write(outcome.stepsJson()), evidence.location())).ifPresent(failures::add);
        attempt(() -> records.alerts().publish(AlertMessage.subject(outcome), AlertMessage.body(outcome)))
                .ifPresent(failures::add);
        return failures;
    }

    private static ObjectNode priorStates(Outcome outcome) {
        ObjectNode prior = Json.object();
        outcome.stepsJson().forEach(step -> {
            if (step.has("prior")) {
                prior.set(step.path("step").asText() + ":" + step.path("target").asText(), step.path("prior"));
            }
        });
        return prior;
    }

    private Optional<Failure> attempt(Runnable action) {
        try {
            action.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(e);
            LOG.error("record failed").with("reason", failure.message()).log();
            return Optional.of(failure);
        }
    }

    private void log(Outcome outcome, IncidentStore.Claim claim) {
        Signal signal = outcome.plan().signal();
        LOG.info("outcome").with("incident_id", outcome.incidentId()).with("handler", handler)
                .with("signal_type", signal.signalType()).with("resource_arn", signal.subject())
                .with("finding_id", signal.origin().findingId().orElse(null))
                .with("finding_type", signal.origin().findingType().orElse(null))
                .with("account_id", signal.origin().accountId()).with("region", signal.origin().region())
                .with("decision", outcome.plan().decision().id()).with("mode", outcome.mode().id())
                .with("claim", claim.name().toLowerCase())
                .with("failure", outcome.worstFailure().map(Failure::message).orElse(null)).log();
    }

    private static ObjectNode status(String status) {
        return Json.object().put("status", status);
    }
}
