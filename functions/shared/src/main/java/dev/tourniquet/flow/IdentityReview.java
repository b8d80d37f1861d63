package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.Records;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The minute's review of the open exposure holds of identities (EventBridge schedule {@value #RULE_NAME}, on the
 * credential function): one query when none is open. Otherwise, for each watched window, what was created unexplained
 * since is held; each hold is judged from provenance ({@link IdentityJudgement}): cleared, its stopping change is
 * undone as {@code ./tourniquet release} undoes it (the release recorded, with its reason); named the incident, or the
 * wait ran out, the identity is contained in full by the {@code PersistencePlaybook} under the containment, as the
 * persistence sweep would have done (a late record of the same creation finds it done). Each decision is recorded on
 * the hold's incident; one alert lists the batch. A hold a person released meanwhile is dropped. A containment that
 * fails leaves its hold open for the next review.
 */
final class IdentityReview {
    /** The schedule's rule (template.yaml). */
    static final String RULE_NAME = "tourniquet-identity-hold-review";
    /** The detail-type of the review's signals, as their incidents record it. */
    static final String DETAIL_TYPE = "Identity Hold Review";
    private static final StructuredLog LOG = StructuredLog.of(IdentityReview.class);

    private final IdentityHold hold;
    private final Releaser releaser;
    private final IncidentRunner incidents;

    IdentityReview(IdentityHold hold, Releaser releaser, IncidentRunner incidents) {
        this.hold = hold;
        this.releaser = releaser;
        this.incidents = incidents;
    }

    /** Whether an event is the review schedule's (its rule named exactly, in any region and partition). */
    static boolean isReview(JsonNode event) {
        return Schedules.isFrom(event, RULE_NAME);
    }

    ObjectNode run(JsonNode raw) {
        IdentityHolds store = hold.store();
        IdentityHolds.Open open = store.open();
        if (open.isEmpty()) {
            return Responses.status("nothing_to_do").put("reason", "no exposure hold of an identity is open");
        }
        Instant now = hold.now();
        List<String> lines = new ArrayList<>();
        List<Signal> act = new ArrayList<>();
        for (IdentityHolds.Window window : open.windows()) {
            Origin origin = origin(raw, window, now);
            for (Signal fresh : hold.catchUp(window, origin, now, false)) {
                act.add(fresh);
                lines.add("HELD " + fresh.subject() + ": created inside the window of " + window.accessKeyId()
                        + " (incident " + window.containment() + "), no CloudTrail record of its creator yet");
            }
            if (!now.isBefore(window.until())) {
                store.close(window);
            }
        }
        List<IdentityHolds.Held> contained = new ArrayList<>();
        for (IdentityHolds.Held held : open.held()) {
            decide(raw, held, now, lines).ifPresent(signal -> {
                act.add(signal);
                contained.add(held);
            });
        }
        // A containment that fails throws here: its hold stays open and the next review resumes it.
        ObjectNode response = act.isEmpty() ? Responses.status("done") : incidents.respond(raw, act);
        for (IdentityHolds.Held held : contained) {
            if (store.close(held)) {
                store.decide(held.holdIncident(), "contained", lines.stream()
                        .filter(l -> l.startsWith("CONTAINED " + held.resourceId() + " ")).findFirst().orElse(""), now);
            }
        }
        LOG.info("identity hold review").with("windows", open.windows().size()).with("held", open.held().size())
                .with("decisions", lines.size()).log();
        announce(lines);
        return response;
    }

    // Released now (empty), still waiting (empty), or the signal that contains it in full.
    private Optional<Signal> decide(JsonNode raw, IdentityHolds.Held held, Instant now, List<String> lines) {
        Records records = hold.records();
        Optional<IncidentRecord> incident = records.releases().find(held.holdIncident());
        if (incident.flatMap(IncidentRecord::releasedAt).isPresent()) {
            if (hold.store().close(held)) {
                hold.store().decide(held.holdIncident(), "released", "released by a person", now);
            }
            return Optional.empty();
        }
        List<Provenance> history = records.provenance().history(held.resourceId());
        return switch (IdentityJudgement.judge(held, history, p -> ofIncident(held, p), now)) {
            case IdentityJudgement.Decision.Wait w -> Optional.empty();
            case IdentityJudgement.Decision.Release release -> {
                release(held, incident, release.reason(), now, lines);
                yield Optional.empty();
            }
            case IdentityJudgement.Decision.Contain contain -> {
                lines.add("CONTAINED " + held.resourceId() + " (containment " + held.window().containment() + "): "
                        + contain.reason());
                yield Optional.of(containment(raw, held, contain.creator(), now));
            }
        };
    }

    // The stopping change undone as ./tourniquet release undoes it: begun before anything is undone (so that the
    // containment guard does not take the undo for tampering), then recorded. A reversal that failed leaves the hold
    // open for the next review.
    private void release(IdentityHolds.Held held, Optional<IncidentRecord> incident, String reason, Instant now,
                         List<String> lines) {
        Records records = hold.records();
        Optional<Restoration> failed = releaser.releaseHold(records.releases(), incident, now);
        if (failed.isPresent()) {
            lines.add("RELEASE FAILED " + held.resourceId() + ": " + failed.get().detail()
                    + " (retried by the next review)");
            return;
        }
        if (hold.store().close(held)) {
            hold.store().decide(held.holdIncident(), "released", reason, now);
            lines.add("RELEASED " + held.resourceId() + " (hold " + held.holdIncident() + "): " + reason);
        }
    }

    // The contained key, the user behind it, or any caller under a standing containment: the incident's.
    private boolean ofIncident(IdentityHolds.Held held, Provenance record) {
        IdentityHolds.Window window = held.window();
        return record.accessKeyId().filter(window.accessKeyId()::equals).isPresent()
                || window.principalArn().filter(record.principalArn()::equals).isPresent()
                || hold.records().incidents().containedByCaller(record.accessKeyId(), record.principalArn())
                .isPresent();
    }

    /**
     * The identity contained in full, as the persistence sweep contains what the key created: by its creation record
     * when provenance names the incident (the same incident the sweep or a late record makes of it), else by its
     * creation as IAM reports it. A user or role counts as the incident's own (denied whole).
     */
    private static Signal containment(JsonNode raw, IdentityHolds.Held held, Optional<Provenance> creator,
                                      Instant now) {
        IdentityHolds.Window window = held.window();
        Origin origin = origin(raw, window, now);
        SweepRequest request = new SweepRequest(origin, window.containment(), window.accessKeyId(),
                window.principalArn(), window.windowStart(), Implication.EXPOSED, Optional.empty());
        String account = window.accountId().isEmpty() ? origin.accountId() : window.accountId();
        Provenance record = creator.orElseGet(() -> IdentityHold.creation(new dev.tourniquet.step.iam
                .CreatedIdentities.Created(held.resourceId(), "", held.userName(), held.appearedAt()), account,
                origin.region()));
        Set<String> created = held.resourceId().startsWith("key/") ? Set.of() : Set.of(held.resourceId());
        return new IamPersistence(IamPersistence.originOf(request, record), window.containment(),
                window.accessKeyId(), record, created, window.windowStart(), Implication.EXPOSED,
                window.principalArn());
    }

    private static Origin origin(JsonNode raw, IdentityHolds.Window window, Instant now) {
        String eventId = raw == null ? "identity-hold-review" : raw.path("id").asText("identity-hold-review");
        String region = raw == null ? "" : raw.path("region").asText("");
        return new Origin(eventId, ChainEvents.SOURCE, DETAIL_TYPE, Optional.of(window.containment()),
                Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0, "", window.accountId(), region, now, false);
    }

    private void announce(List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder("Tourniquet reviewed the open exposure holds of IAM identities (users,"
                + " roles and keys created inside a contained key's exposure window before CloudTrail named their"
                + " creator):\n\n");
        lines.forEach(line -> body.append("  - ").append(line).append('\n'));
        body.append("\nHELD: only the stopping change was made (deny-all attached, a role's sessions revoked, a key"
                + " made inactive); released automatically when its CloudTrail record names a principal outside the"
                + " incident, contained in full when it names the incident or none arrives within"
                + " ExposureHoldWaitMinutes. Release one now: ./tourniquet release INCIDENT.\n");
        int count = lines.size();
        OutcomeRecorder.attempt(() -> hold.records().alerts().publish("Tourniquet: exposure hold of identities: "
                + count + " decision" + (count == 1 ? "" : "s"), body.toString()));
    }
}
