package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.ArnPatterns;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.OwnStack;
import java.util.List;
import java.util.Optional;

/**
 * Reads the CloudTrail records the tampering rules deliver into a {@link Tampering} signal, or says why there is
 * nothing to do: the call failed, it leaves the sensor as strong as before, it changed a resource that is not
 * Tourniquet's own (by exact identity, {@link OwnStack}), or it was made by a deploy principal or by Tourniquet's own
 * roles (its undo calls come back through the same rules).
 */
public final class TamperingEventParser {
    private final OwnStack own;
    private final ArnPatterns deployPrincipals;

    public TamperingEventParser(OwnStack own, List<String> deployPrincipalArns) {
        this.own = own;
        this.deployPrincipals = new ArnPatterns(deployPrincipalArns);
    }

    /** Parses an EventBridge event; anything not a CloudTrail record goes to the shared parser. */
    public ParseResult parse(JsonNode event) {
        return switch (Envelope.read(event)) {
            case Envelope.Result.Invalid invalid -> new ParseResult.Rejected(invalid.reason());
            case Envelope.Result.Valid valid -> "AWS API Call via CloudTrail".equals(valid.envelope().detailType())
                    ? parse(valid.envelope()) : new SignalParser().parse(valid.envelope());
        };
    }

    ParseResult parse(Envelope envelope) {
        JsonNode record = envelope.detail();
        Optional<String> eventName = Json.text(record, "/eventName");
        Optional<String> eventSource = Json.text(record, "/eventSource");
        if (eventName.isEmpty() || eventSource.isEmpty() || Json.text(record, "/eventID").isEmpty()) {
            return new ParseResult.Rejected("the CloudTrail record has no eventName, eventSource or eventID");
        }
        String name = eventName.get();
        if (Json.text(record, "/errorCode").isPresent()) {
            return new ParseResult.Ignored(name + " failed (" + Json.text(record, "/errorCode").get() + "): it changed nothing");
        }
        Tamperer caller = caller(record.path("userIdentity"));
        Optional<String> judged = judgedAlready(caller);
        if (judged.isPresent()) {
            return new ParseResult.Ignored(name + " by " + caller.describe() + ": " + judged.get());
        }
        String region = Json.text(record, "/awsRegion").orElse(envelope.region());
        ObjectNode request = record.path("requestParameters").isObject()
                ? ((ObjectNode) record.path("requestParameters")).deepCopy() : Json.object();
        if (record.path("responseElements").isObject()) {
            request.set("response", record.path("responseElements").deepCopy());
        }
        Optional<OwnResourceCalls.Change> change = change(eventSource.get(), name, request, record, region, envelope);
        if (change.isEmpty()) {
            return new ParseResult.Ignored(name + " on " + eventSource.get() + " does not weaken a sensor or Tourniquet");
        }
        if (change.get().weakening().own() && !isOwn(change.get(), region)) {
            return new ParseResult.Ignored(name + " on " + change.get().resource() + ": not one of Tourniquet's resources");
        }
        Origin origin = new Origin(envelope.id(), envelope.source(), envelope.detailType(), Optional.empty(),
                Optional.of(name), 0, envelope.id(), Json.text(record, "/recipientAccountId").orElse(envelope.account()),
                region, Json.text(record, "/eventTime").flatMap(Envelope::instant).orElse(envelope.time()), false);
        String resource = change.get().weakening() == Weakening.OWN_STACK_CHANGED
                || change.get().weakening() == Weakening.OWN_STACK_UNPROTECTED ? own.stackId() : change.get().resource();
        return new ParseResult.Signals(List.of(new Tampering(origin, change.get().weakening(), name, resource, region,
                caller, request, Optional.empty())));
    }

    private Optional<OwnResourceCalls.Change> change(String source, String name, ObjectNode request, JsonNode record,
                                                     String region, Envelope envelope) {
        return switch (source) {
            case "cloudtrail.amazonaws.com" -> SensorWeakenings.cloudTrail(name, request).flatMap(w ->
                    Json.text(request, "/name").or(() -> Json.text(request, "/trailName"))
                            .map(trail -> new OwnResourceCalls.Change(w, trail)));
            case "guardduty.amazonaws.com" -> SensorWeakenings.guardDuty(name, request).flatMap(w ->
                    Json.text(request, "/detectorId").map(detector -> new OwnResourceCalls.Change(w, detector)));
            // One logging configuration per account and region: its "resource" is the region's configuration.
            case "bedrock.amazonaws.com" -> SensorWeakenings.bedrock(name, request)
                    .map(w -> new OwnResourceCalls.Change(w, "model-invocation-logging"));
            case "cloudformation.amazonaws.com" -> "UpdateTerminationProtection".equals(name)
                    && request.path("enableTerminationProtection").asBoolean(false) ? Optional.empty()
                    : OwnResourceCalls.of(source, name, request, home(record, region, envelope));
            default -> OwnResourceCalls.of(source, name, request, home(record, region, envelope));
        };
    }

    private OwnResourceCalls.Home home(JsonNode record, String region, Envelope envelope) {
        String partition = Json.text(record, "/userIdentity/arn").map(a -> a.split(":", 3))
                .filter(parts -> parts.length == 3).map(parts -> parts[1]).orElse(own.partition());
        return new OwnResourceCalls.Home(partition, region,
                Json.text(record, "/recipientAccountId").orElse(envelope.account()));
    }

    // The stack by its exact id, or by its name in the stack's own region and account (the only stack of that name
    // there); every other resource by exact ARN.
    private boolean isOwn(OwnResourceCalls.Change change, String region) {
        String resource = change.resource();
        return switch (change.weakening()) {
            case OWN_STACK_CHANGED, OWN_STACK_UNPROTECTED -> resource.equals(own.stackId())
                    || (resource.equals(own.stackName()) && region.equals(own.region()));
            default -> own.isOwn(resource);
        };
    }

    // Tourniquet's own roles (its undo comes back through these rules) and the deploy principals are never tamperers.
    private Optional<String> judgedAlready(Tamperer caller) {
        if (caller.arn().filter(own::isOwnRole).isPresent()) {
            return Optional.of("one of Tourniquet's own roles");
        }
        return caller.arn().flatMap(deployPrincipals::match).map(p -> "a deploy principal (" + p + ")");
    }

    static Tamperer caller(JsonNode identity) {
        String type = identity.path("type").asText("Unknown");
        Optional<String> arn = Json.text(identity, "/arn")
                .or(() -> Json.text(identity, "/sessionContext/sessionIssuer/arn").filter(a -> "AssumedRole".equals(type)));
        return new Tamperer(type, arn, Json.text(identity, "/accessKeyId"), Json.text(identity, "/invokedBy"));
    }
}
