package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.ExposureHolds;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.Records;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The minute's review of the open exposure holds of one kind (EventBridge schedule {@value #RULE_NAME}): one query
 * when none is open. Otherwise, for each watched window, what appeared unexplained since is held; for each hold,
 * provenance is judged ({@link ExposureJudgement}): cleared, the stopping call is undone as {@code ./tourniquet
 * release} undoes it (the release recorded, with its reason); named the incident, or the wait ran out, the resource is
 * contained in full under the containment's own incident (as its sweep would have contained it, so a late record of
 * the same resource finds it done). Each decision is recorded on the hold's incident and logged; one alert lists the
 * batch. A hold released by a person meanwhile is dropped. A containment that fails leaves its hold open: the next
 * review (or the schedule's retry) resumes it.
 */
final class ExposureReview {
    /** The schedule's rule (template.yaml), whose Scheduled Event starts a review. */
    static final String RULE_NAME = "tourniquet-exposure-hold-review";
    /** The detail-type of the review's signals, as their incidents record it. */
    static final String DETAIL_TYPE = "Exposure Hold Review";
    private static final StructuredLog LOG = StructuredLog.of(ExposureReview.class);

    private final ExposureHold hold;
    private final Records records;
    private final IncidentRunner incidents;

    ExposureReview(ExposureHold hold, Records records, IncidentRunner incidents) {
        this.hold = hold;
        this.records = records;
        this.incidents = incidents;
    }

    /** Whether an event is the review schedule's (its rule named exactly, in any region and partition). */
    static boolean isReview(JsonNode event) {
        return Schedules.isFrom(event, RULE_NAME);
    }

    ObjectNode run(JsonNode raw) {
        ExposureHolds store = records.exposureHolds();
        String kind = hold.resources().kind();
        ExposureHolds.Open open = store.open(kind);
        if (open.isEmpty()) {
            return Responses.status("nothing_to_do").put("reason", "no exposure hold is open");
        }
        Instant now = hold.now();
        List<String> lines = new ArrayList<>();
        List<Signal> act = new ArrayList<>();
        for (ExposureHolds.Window window : open.windows()) {
            List<Signal> fresh = hold.catchUp(window, request(raw, window.containment(), window.accessKeyId(),
                    window.principalArn(), window.windowStart(), window.accountId(), now), now, false, java.util.Set.of());
            fresh.forEach(s -> lines.add("HELD " + s.subject() + " (hold " + dev.tourniquet.records.IncidentIds.of(s)
                    + "): appeared inside the exposure window of " + window.accessKeyId() + " (incident "
                    + window.containment() + ") with no CloudTrail record of its creator yet"));
            act.addAll(fresh);
            if (!now.isBefore(window.until())) {
                store.close(window);
            }
        }
        List<Contained> contain = new ArrayList<>();
        for (ExposureHolds.Held held : open.held()) {
            judge(held, now, lines).ifPresent(contain::add);
        }
        contain.forEach(c -> act.add(c.signal()));
        Optional<RuntimeException> failure = Optional.empty();
        List<ObjectNode> results = new ArrayList<>();
        for (Signal signal : act) {
            try {
                results.add(incidents.respondByRegion(raw, List.of(signal)));
                contain.stream().filter(c -> c.signal() == signal).findFirst().ifPresent(c -> {
                    store.decide(c.held().holdIncident(), "contained", c.reason(), now);
                    store.close(c.held());
                });
            } catch (RuntimeException e) {
                failure = failure.or(() -> Optional.of(e));
                lines.add("FAILED " + signal.subject() + ": " + e.getMessage() + " (retried by the next review)");
            }
        }
        announce(kind, lines);
        if (failure.isPresent()) {
            throw failure.get();
        }
        ObjectNode response = Responses.status(act.isEmpty() && lines.isEmpty() ? "nothing_to_do" : "done");
        lines.forEach(response.putArray("decisions")::add);
        results.forEach(response.withArray("incidents")::add);
        return response;
    }

    private record Contained(ExposureHolds.Held held, Signal signal, String reason) {
    }

    // One hold: dropped when a person released it, released or contained when provenance (or the clock) says so.
    private Optional<Contained> judge(ExposureHolds.Held held, Instant now, List<String> lines) {
        ExposureHolds store = records.exposureHolds();
        Optional<IncidentRecord> incident = records.releases().find(held.holdIncident());
        if (incident.flatMap(IncidentRecord::releasedAt).isPresent()) {
            if (store.close(held)) {
                store.decide(held.holdIncident(), "released", "released by a person (./tourniquet release)", now);
                lines.add("DROPPED " + held.resourceId() + ": its hold " + held.holdIncident() + " was released by a"
                        + " person");
            }
            return Optional.empty();
        }
        List<Provenance> history = new ArrayList<>(records.provenance().history(held.resourceId()));
        held.explainedBy().forEach(id -> history.addAll(records.provenance().history(id)));
        ExposureJudgement.Decision decision = ExposureJudgement.judge(held, history, p -> ofIncident(held, p), now);
        LOG.info("exposure hold judged").with("incident_id", held.holdIncident()).with("resource_arn", held.resourceId())
                .with("decision", decision.getClass().getSimpleName().toLowerCase()).log();
        return switch (decision) {
            case ExposureJudgement.Decision.Wait wait -> Optional.empty();
            case ExposureJudgement.Decision.Release release -> {
                release(held, incident, release.reason(), now, lines);
                yield Optional.empty();
            }
            case ExposureJudgement.Decision.Contain contain -> {
                SweepRequest request = request(null, held.containment(), held.accessKeyId(), held.principalArn(),
                        held.windowStart(), held.accountId(), now);
                Signal signal = hold.resources().signal(request.resourceOrigin(held.accountId(), held.region()),
                        held.resourceId(), held.region(), "held by the exposure hold of contained credential "
                                + held.accessKeyId() + " (incident " + held.containment() + "), then contained: "
                                + contain.reason(), contain.creator());
                lines.add("CONTAINED " + held.resourceId() + " (incident of containment " + held.containment() + "): "
                        + contain.reason());
                yield Optional.of(new Contained(held, signal, contain.reason()));
            }
        };
    }

    // The stopping call undone as ./tourniquet release undoes it: begun before anything is undone (so that the guard
    // does not take the undo for tampering), then recorded. A reversal that failed leaves the hold open for the next
    // review.
    private void release(ExposureHolds.Held held, Optional<IncidentRecord> incident, String reason, Instant now,
                         List<String> lines) {
        ExposureHolds store = records.exposureHolds();
        Optional<Restoration> failed = hold.releaser().releaseHold(records.releases(), incident, now);
        if (failed.isPresent()) {
            lines.add("RELEASE FAILED " + held.resourceId() + ": " + failed.get().detail()
                    + " (retried by the next review)");
            return;
        }
        if (store.close(held)) {
            store.decide(held.holdIncident(), "released", reason, now);
            lines.add("RELEASED " + held.resourceId() + " (hold " + held.holdIncident() + "): " + reason);
        }
    }

    // The contained key itself, or any caller under a standing containment (an identity an incident created, another
    // contained key): the incident's.
    private boolean ofIncident(ExposureHolds.Held held, Provenance record) {
        return record.accessKeyId().filter(held.accessKeyId()::equals).isPresent()
                || records.incidents().containedByCaller(record.accessKeyId(), record.principalArn()).isPresent();
    }

    private static SweepRequest request(JsonNode raw, String containment, String key, Optional<String> principal,
                                        Instant windowStart, String accountId, Instant now) {
        String eventId = raw == null ? "exposure-review" : raw.path("id").asText("exposure-review");
        String region = raw == null ? "" : raw.path("region").asText("");
        Origin origin = new Origin(eventId, ChainEvents.SOURCE, DETAIL_TYPE, Optional.of(containment),
                Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0, "", accountId, region, now, false);
        return new SweepRequest(origin, containment, key, principal, windowStart, Implication.EXPOSED,
                Optional.empty());
    }

    private void announce(String kind, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("Tourniquet reviewed the open exposure holds of " + kind + "s (what"
                + " appeared inside a contained credential's exposure window before CloudTrail named its creator):\n\n");
        lines.forEach(line -> body.append("  - ").append(line).append('\n'));
        body.append("\nHELD: only the one stopping call was made; released automatically when its CloudTrail record"
                + " names a principal outside the incident, contained in full when it names the incident or none"
                + " arrives within ExposureHoldWaitMinutes. Release one now: ./tourniquet release INCIDENT.\n");
        long count = lines.size();
        OutcomeRecorder.attempt(() -> records.alerts().publish("Tourniquet: exposure hold of " + kind + "s: " + count
                + " decision" + (count == 1 ? "" : "s"), body.toString()));
    }
}
