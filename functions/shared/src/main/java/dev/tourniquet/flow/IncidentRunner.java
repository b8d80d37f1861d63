package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Plan;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.ThisAccountOnly;
import dev.tourniquet.records.EvidenceBundle;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Outcome;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepRunner;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs each signal as an incident of its own: claim it (a duplicate or stale delivery stops here), enrich it
 * from AWS, plan, run the steps, then hand the outcome to the {@link OutcomeRecorder}. A step or record that
 * failed is thrown as an {@link IncidentFailedException} once everything else was attempted.
 */
final class IncidentRunner {
    private static final StructuredLog LOG = StructuredLog.of(IncidentRunner.class);

    private final String handler;
    private final Configuration configuration;
    private final Records records;
    private final SignalEnricher enricher;
    private final Playbook playbook;
    private final OutcomeRecorder recorder;
    private final Notices notices;
    private final StepRunner runner = new StepRunner();

    IncidentRunner(String handler, Configuration configuration, Records records, SignalEnricher enricher,
                   Playbook playbook, Notices notices) {
        this.handler = handler;
        this.configuration = configuration;
        this.records = records;
        this.enricher = enricher;
        this.playbook = playbook;
        this.recorder = new OutcomeRecorder(records);
        this.notices = notices;
    }

    /** The function these incidents are run by ({@code quarantine-function} …). */
    String handler() {
        return handler;
    }

    // One signal after another; a signal whose incident fails does not stop the others.
    ObjectNode respond(JsonNode rawEvent, List<Signal> signals) {
        return Responses.collect(signals.stream()
                .map(signal -> RegionalSweep.attempt(s -> respond(rawEvent, s), signal)).toList());
    }

    // A sweep's incidents run region by region, the regions side by side (see RegionalSweep).
    ObjectNode respondByRegion(JsonNode rawEvent, List<Signal> signals) {
        return Responses.collect(RegionalSweep.run(signals, signal -> respond(rawEvent, signal)));
    }

    // The same, starting incidents only while the budget allows; what it left, and any failure, for the caller.
    Responses.Collected respondByRegion(JsonNode rawEvent, List<Signal> signals, SweepBudget budget) {
        return Responses.gather(RegionalSweep.run(signals, budget, signal -> respond(rawEvent, signal)));
    }

    private ObjectNode respond(JsonNode rawEvent, Signal signal) {
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
            // Another account's resource is not looked up here either: one of the same name here is not it.
            boolean foreign = ThisAccountOnly.foreign(signal, configuration.ownStack()).isPresent();
            enriched = signal.origin().sample() || foreign ? signal : enricher.enrich(signal);
        } catch (RuntimeException e) {
            return unenriched(rawEvent, incidentId, signal, Failure.classify(e));
        }
        Plan plan = playbook.plan(enriched);
        EvidenceBundle evidence = new EvidenceBundle(records.evidence(), incidentId);
        StepContext context = new StepContext(incidentId, configuration.mode(), Instant.now(), evidence);
        Outcome outcome = new Outcome(incidentId, plan, configuration.mode(), runner.run(plan.steps(), context),
                evidence.location());
        List<Failure> recordFailures = recorder.record(rawEvent, outcome, evidence);
        log(outcome, claim);
        Optional<Failure> failure = outcome.worstFailure().or(() -> recordFailures.stream().findFirst());
        if (failure.isPresent()) {
            throw new IncidentFailedException(incidentId, failure.get());
        }
        return outcome.toJson().put("claim", claim.name().toLowerCase());
    }

    private IncidentStore.Claim claim(String incidentId, Signal signal) {
        IncidentStore.Claim claim;
        try {
            claim = records.incidents().open(incidentId, signal, configuration.mode().id());
        } catch (RuntimeException e) {
            throw new IncidentFailedException(incidentId, Failure.classify(e));
        }
        if (claim == IncidentStore.Claim.BUSY) {
            // Thrown, not returned: Lambda retries this delivery, which then finds the incident done or takes over.
            throw new IncidentFailedException(incidentId, new Failure(Failure.Kind.TRANSIENT,
                    "another delivery is running this incident now; a retry finds it done or takes it over"));
        }
        return claim;
    }

    // The signal could not be completed from AWS: a resource that is gone ends the incident; anything else retries.
    private ObjectNode unenriched(JsonNode rawEvent, String incidentId, Signal signal, Failure failure) {
        boolean gone = failure.kind() == Failure.Kind.GONE;
        OutcomeRecorder.attempt(() -> records.incidents().close(incidentId,
                gone ? IncidentStore.COMPLETED : IncidentStore.FAILED, gone ? "resource_gone" : "enrichment_failed",
                "[]", ""));
        LOG.warn(gone ? "resource gone" : "enrichment failed").with("incident_id", incidentId)
                .with("resource_arn", signal.subject()).with("reason", failure.message()).log();
        if (!gone) {
            throw new IncidentFailedException(incidentId, failure);
        }
        notices.gone(incidentId, signal, rawEvent, failure.message(), recordedCaller(signal));
        return Json.object().put("incidentId", incidentId).put("decision", "resource_gone")
                .put("reason", failure.message());
    }

    // Who created or last changed a resource that is gone, as provenance recorded it (best effort: the alert
    // goes out without it when the records cannot say).
    private Optional<String> recordedCaller(Signal signal) {
        if (signal instanceof dev.tourniquet.signal.CompromisedAccessKey
                || signal instanceof dev.tourniquet.signal.CompromisedRoleSession) {
            return Optional.empty();
        }
        try {
            return records.provenance().latest(signal.subject()).map(p -> p.principalArn()
                    + p.accessKeyId().map(k -> " (key " + k + ")").orElse("") + ", " + p.eventName() + " at " + p.time());
        } catch (RuntimeException e) {
            LOG.warn("provenance unreadable").with("resource_arn", signal.subject())
                    .with("reason", Failure.classify(e).message()).log();
            return Optional.empty();
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
}
