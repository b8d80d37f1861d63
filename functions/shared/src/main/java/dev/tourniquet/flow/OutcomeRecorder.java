package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.AlertMessage;
import dev.tourniquet.records.EvidenceBundle;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Outcome;
import dev.tourniquet.records.Records;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The paperwork after the steps: the raw event, prior states, actions and manifest into the evidence bundle,
 * the incident closed in the table, the alert published. Each is attempted even when another fails; the
 * failures are returned, never thrown, so the caller decides once.
 */
final class OutcomeRecorder {
    private static final StructuredLog LOG = StructuredLog.of(OutcomeRecorder.class);

    private final Records records;

    OutcomeRecorder(Records records) {
        this.records = records;
    }

    List<Failure> record(JsonNode rawEvent, Outcome outcome, EvidenceBundle evidence) {
        List<Failure> failures = new ArrayList<>();
        attempt(() -> {
            evidence.putJson("event.json", rawEvent);
            evidence.putJson("prior-state.json", priorStates(outcome));
            evidence.putJson("actions.json", outcome.toJson());
            evidence.writeManifest();
        }).ifPresent(failures::add);
        String status = outcome.worstFailure().isPresent() ? IncidentStore.FAILED : IncidentStore.COMPLETED;
        attempt(() -> records.incidents().close(outcome.incidentId(), status, outcome.plan().decision().id(),
                Json.write(outcome.stepsJson()), evidence.location())).ifPresent(failures::add);
        attempt(() -> hold(outcome)).ifPresent(failures::add);
        attempt(() -> records.alerts().publish(AlertMessage.subject(outcome), AlertMessage.body(outcome)))
                .ifPresent(failures::add);
        return failures;
    }

    // Every resource a step contained is held by this incident: a change undoing it is then re-applied
    // (ContainmentGuard). A re-application holds what it re-applied too, so that a release of it is not fought.
    private static final StepCatalog CATALOG = StepCatalog.known();

    void hold(Outcome outcome) {
        java.time.Instant now = java.time.Instant.now();
        outcome.stepsJson().forEach(step -> {
            if ("applied".equals(step.path("result").asText())
                    && CATALOG.reversal(step.path("step").asText()).isPresent()) {
                HoldKeys.of(step.path("step").asText(), step.path("target").asText(), step.path("prior"))
                        .forEach(resource -> records.holds().hold(resource, outcome.incidentId(), now));
            }
        });
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

    /** Runs one record action; a failure is logged once and returned. */
    static Optional<Failure> attempt(Runnable action) {
        try {
            action.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(e);
            LOG.error("record failed").with("reason", failure.message()).log();
            return Optional.of(failure);
        }
    }
}
