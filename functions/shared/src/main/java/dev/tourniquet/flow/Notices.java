package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Involved;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.util.List;
import java.util.Optional;

/**
 * The alerts for what ends without an incident's own alert: an event rejected as malformed, a resource
 * already gone, the parts of an event refused while the rest is acted on, what a sweep listed or held. Each
 * says what happened and names the principal involved, so nothing ends only as a log line. Publishing is attempted once; its failure is
 * logged (by {@link OutcomeRecorder#attempt}), never thrown: a rejected event must not be retried for its alert.
 */
final class Notices {
    private final Records records;

    Notices(Records records) {
        this.records = records;
    }

    void rejected(String handler, String eventId, JsonNode event, String reason) {
        publish("Tourniquet: REJECTED event " + eventId + " (" + handler + ")",
                "Tourniquet rejected an event it was given and changed nothing.\n\n"
                        + "  Event: " + eventId + " " + describe(event) + "\n"
                        + "  Function: " + handler + "\n"
                        + "  Why: " + reason + "\n"
                        + "  Principal involved: " + Involved.principal(event).orElse("none named in the event") + "\n\n"
                        + "A malformed event is not retried. If it was real, check what sent it; if it was forged,"
                        + " whoever could put it on the bus is worth a look.\n");
    }

    void refused(String handler, String eventId, JsonNode event, List<String> refused) {
        publish("Tourniquet: part of event " + eventId + " not acted on (" + handler + ")",
                "Tourniquet acted on the valid parts of an event and refused these:\n"
                        + refused.stream().map(r -> "  - " + r + "\n").reduce("", String::concat)
                        + "\n  Event: " + eventId + " " + describe(event) + "\n"
                        + "  Principal involved: " + Involved.principal(event).orElse("none named in the event") + "\n");
    }

    void gone(String incidentId, Signal signal, JsonNode event, String reason, Optional<String> recordedCaller) {
        String involved = Involved.principal(signal).or(() -> recordedCaller).or(() -> Involved.principal(event))
                .orElse("unknown (no record names one)");
        publish("Tourniquet: already gone: " + signal.signalType().replace('_', ' ') + " " + signal.subject(),
                "Incident " + incidentId + ": the " + signal.signalType().replace('_', ' ') + " " + signal.subject()
                        + " no longer exists (or no longer names an owner), so nothing was contained.\n\n"
                        + "  Why: " + reason + "\n"
                        + "  Seen as: " + signal.origin().findingType().orElse(signal.origin().detailType()) + " from "
                        + signal.origin().source() + " in account " + signal.origin().accountId() + ", region "
                        + signal.origin().region() + ", at " + signal.origin().time() + "\n"
                        + "  Principal involved: " + involved + "\n\n"
                        + "Deleting what was caught is also how an attacker hides it: check who deleted it (CloudTrail)"
                        + " and whether the principal involved is still active.\n");
    }

    /**
     * What a sweep left to a person: what the credential made before its exposure window (listed, never touched),
     * what a creator's sweep left alone (not of the flagged resource's shape), and what it held beyond its count
     * (how to confirm or release each).
     */
    void swept(SweepRequest request, Swept swept) {
        StringBuilder body = new StringBuilder("The sweep of contained credential " + request.accessKeyId()
                + " (incident " + request.incidentId() + ", implicated " + request.implication().id()
                + request.flaggedResource().map(f -> " as the creator of " + f).orElse("") + ") judged what it did"
                + " from " + (request.windowStart().equals(java.time.Instant.EPOCH) ? "any time"
                : request.windowStart().toString()) + " (its exposure window) until its containment.\n");
        if (!swept.hold().isEmpty()) {
            body.append("\nHELD, NOT CONTAINED (beyond the sweep's count of a credential implicated only as a creator;"
                    + " only the one stopping call was made, reversibly):\n");
            swept.hold().forEach(s -> body.append("  - ").append(s.subject()).append(" (incident ")
                    .append(IncidentIds.of(s)).append(")\n      confirm: ./tourniquet confirm ")
                    .append(IncidentIds.of(s)).append("\n      release: ./tourniquet release ")
                    .append(IncidentIds.of(s)).append('\n'));
            body.append("  Confirm a hold you judge malicious (it is then quarantined in full); release one you judge"
                    + " legitimate.\n");
        }
        if (!swept.provisional().isEmpty()) {
            body.append("\nHELD PROVISIONALLY (appeared inside the exposure window, no CloudTrail record of its creator"
                    + " yet; only the one stopping call was made, reversibly; released automatically when its record names"
                    + " a principal outside the incident, contained in full when it names the incident or none arrives"
                    + " within ExposureHoldWaitMinutes):\n");
            swept.provisional().forEach(s -> body.append("  - ").append(s.subject()).append(" (incident ")
                    .append(IncidentIds.of(s)).append(")\n      release now: ./tourniquet release ")
                    .append(IncidentIds.of(s)).append('\n'));
        }
        if (!swept.beforeWindow().isEmpty()) {
            body.append("\nCreated before the exposure window, not touched:\n");
            swept.beforeWindow().forEach(p -> body.append(listed(p)));
        }
        if (!swept.unlike().isEmpty()) {
            body.append("\nNot of the flagged resource's shape, not touched:\n");
            swept.unlike().forEach(p -> body.append(listed(p)));
        }
        body.append("\nReview the untouched ones by hand if the credential's owner does not recognise them.\n");
        publish("Tourniquet: sweep of " + request.accessKeyId() + ": " + (swept.hold().size() + swept.provisional().size()) + " held, "
                + (swept.beforeWindow().size() + swept.unlike().size()) + " listed, not touched", body.toString());
    }

    /** A sweep that reached its continuation limit with resources still untouched: a person must look. */
    void sweepUnfinished(SweepRequest request, String handler, dev.tourniquet.signal.SweepContinuation at,
                         int notStarted) {
        publish("Tourniquet: sweep of " + request.accessKeyId() + " NOT FINISHED (" + handler + ")",
                "The sweep of contained credential " + request.accessKeyId() + " (incident " + request.incidentId()
                        + ") by " + handler + " ran out of time in " + (at.hop() + 1) + " invocations and was not"
                        + " continued again (at most " + dev.tourniquet.signal.SweepContinuation.MAX_HOPS
                        + " continuations).\n\n  Not started in the last invocation: " + notStarted
                        + " resource(s)\n\n"
                        + "To go on, put the 'Credential Contained' event again with a new id (a new chain of"
                        + " continuations): what is done is skipped by its claim. A sweep this long may also mean a loop"
                        + " or a fault: check the function's logs.\n");
    }

    private static String listed(Provenance record) {
        return "  - " + record.resourceId() + " (" + record.eventName() + " at " + record.time() + ", "
                + record.region() + ")\n";
    }

    private static String describe(JsonNode event) {
        return "(" + Json.text(event, "/source").orElse("no source") + ", "
                + Json.text(event, "/detail-type").orElse("no detail-type") + ", account "
                + Json.text(event, "/account").orElse("?") + ", region " + Json.text(event, "/region").orElse("?") + ")";
    }

    private void publish(String subject, String body) {
        OutcomeRecorder.attempt(() -> records.alerts().publish(subject, body));
    }
}
