package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Tourniquet's own chain events (source {@code tourniquet}).
 *
 * <p>{@code Credential Compromised}: {@code detail{incidentId, accessKeyId, principalArn, principalType, reason,
 * implication, flaggedResource, firstSeen}} becomes the credential's signal: implicated as the creator of
 * {@code flaggedResource} unless {@code implication} says otherwise, its window opening before {@code firstSeen}. {@code Credential Contained}: {@code detail{incidentId, accessKeyId,
 * principalArn, windowStart, implication, flaggedResource}} becomes a sweep request. {@code Sweep Continued}: the same fields, plus
 * {@code function, chain, hop}: the same sweep, continued ({@link SweepContinuation}). {@code Resource Of Contained
 * Credential}: a late CloudTrail record of a contained credential ({@link LateRecordEvent}). {@code Resource Outside
 * Footprint}: a resource launched outside the owner's footprint ({@link FootprintBreachEvent}).
 */
final class ChainEventParser {

    public ParseResult parse(Envelope envelope) {
        JsonNode detail = envelope.detail();
        Optional<String> incidentId = Json.text(detail, "/incidentId");
        Optional<String> keyId = Json.text(detail, "/accessKeyId");
        Optional<String> principalArn = Json.text(detail, "/principalArn");
        if (ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT.equals(envelope.detailType())) {
            // Its caller may have signed with no key: the resource is contained all the same.
            return FootprintBreachEvent.parse(new Origin(envelope.id(), envelope.source(), envelope.detailType(),
                    incidentId, Optional.empty(), 0, "", envelope.account(), envelope.region(), envelope.time(), false),
                    detail);
        }
        if (incidentId.isEmpty() || keyId.isEmpty()) {
            return new ParseResult.Rejected("the chain event has no detail.incidentId or detail.accessKeyId");
        }
        // The emitting incident, not the event id, identifies a chain event: a PutEvents retried after its
        // answer was lost, or an incident retried after its emit step ran, puts the same event twice, and
        // both copies must name one incident.
        Origin origin = new Origin(envelope.id(), envelope.source(), envelope.detailType(),
                Optional.of(incidentId.get() + "/" + envelope.detailType()), Optional.of(envelope.detailType()), 0, "",
                envelope.account(), envelope.region(), envelope.time(), false);
        return switch (envelope.detailType()) {
            case ChainEvents.RESOURCE_OF_CONTAINED_CREDENTIAL -> LateRecordEvent.parse(origin, detail);
            case ChainEvents.CREDENTIAL_CONTAINED -> new ParseResult.Sweep(sweep(origin, detail, incidentId.get(),
                    keyId.get(), principalArn));
            // The same sweep, continued by the function it names (its own rule routes it back to that function only).
            case ChainEvents.SWEEP_CONTINUED -> SweepContinuation.of(detail)
                    .<ParseResult>map(next -> new ParseResult.Sweep(sweep(origin, detail, incidentId.get(), keyId.get(),
                            principalArn), next))
                    .orElseGet(() -> new ParseResult.Rejected("the Sweep Continued event has no detail.function,"
                            + " detail.chain or detail.hop (a whole number from 1)"));
            case ChainEvents.CREDENTIAL_COMPROMISED -> compromised(origin, detail, keyId.get(), principalArn);
            default -> new ParseResult.Ignored("unknown Tourniquet chain event '" + envelope.detailType() + "'");
        };
    }

    private static SweepRequest sweep(Origin origin, JsonNode detail, String incidentId, String keyId,
                                      Optional<String> principalArn) {
        return new SweepRequest(origin, incidentId, keyId, principalArn,
                Json.text(detail, "/windowStart").flatMap(Envelope::instant).orElse(java.time.Instant.EPOCH),
                Implication.parse(Json.text(detail, "/implication").orElse("")), Json.text(detail, "/flaggedResource"));
    }

    private static ParseResult compromised(Origin origin, JsonNode detail, String keyId, Optional<String> principalArn) {
        String reason = Json.text(detail, "/reason").orElse("a resource it created was contained");
        String type = Json.text(detail, "/principalType").orElse("");
        if (principalArn.isEmpty()) {
            return new ParseResult.Rejected("the Credential Compromised event has no detail.principalArn");
        }
        String arn = principalArn.get();
        Implicated implicated = implicated(detail);
        // The window opens before the earliest sighting the emitter knew (the caught resource's first-seen time).
        Origin seen = origin.firstSeenAt(Json.text(detail, "/firstSeen").flatMap(Envelope::instant));
        return switch (type) {
            // The user is the one its ARN names: anything else (a role's ARN, a path) names no user to quarantine.
            case "IAMUser" -> Principal.userOfArn(arn)
                    .<ParseResult>map(user -> signal(new CompromisedAccessKey(seen, keyId, new Principal(
                            Principal.PrincipalType.IAM_USER, Optional.of(user), Optional.of(arn), Map.of()), reason,
                            implicated)))
                    .orElseGet(() -> new ParseResult.Rejected("not an IAM user ARN: " + arn));
            case "AssumedRole" -> Principal.roleOfSession(arn)
                    .<ParseResult>map(role -> signal(new CompromisedRoleSession(seen, keyId, new Principal(
                            Principal.PrincipalType.ASSUMED_ROLE, Optional.of(role),
                            Optional.of(origin.iamArn("role/" + role)), Map.of()), reason,
                            CompromisedRoleSession.sessionOf(arn), implicated)))
                    .orElseGet(() -> new ParseResult.Rejected("not an assumed-role session ARN: " + arn));
            case "Root" -> signal(new CompromisedRoot(origin, keyId, reason));
            default -> new ParseResult.Ignored("credentials of type '" + type + "' are not contained automatically");
        };
    }

    // A creator unless the emitter says otherwise (a tampering author is implicated by what it did itself).
    private static Implicated implicated(JsonNode detail) {
        Optional<String> flagged = Json.text(detail, "/flaggedResource");
        return Json.text(detail, "/implication").map(Implication::parse)
                .filter(i -> i != Implication.CREATOR)
                .map(i -> new Implicated(i, flagged))
                .orElseGet(() -> Implicated.creatorOf(flagged));
    }

    private static ParseResult signal(Signal signal) {
        return new ParseResult.Signals(List.of(signal));
    }
}
