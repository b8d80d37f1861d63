package dev.tourniquet.flow.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Envelope;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a CloudTrail record delivered to the heartbeat is the heartbeat's own write come back: an
 * {@code events.amazonaws.com} {@code TagResource} that succeeded, on exactly its own rule, by exactly its own role
 * (the session issuer's ARN, never a name or a path), in its own region. Anything else is not counted, and nothing is
 * done about it. EventBridge refuses {@code PutEvents} of a source starting with {@code aws.}, so such a record
 * cannot be put on the bus by a caller: it comes from CloudTrail.
 */
sealed interface HeartbeatReturn {

    /** The heartbeat came back; {@code calledAt} is when its write was made (the record's {@code eventTime}). */
    record Counted(Instant calledAt, String eventId) implements HeartbeatReturn {
    }

    /** Not the heartbeat's own write; {@code reason} says why. */
    record NotCounted(String reason) implements HeartbeatReturn {
    }

    static HeartbeatReturn judge(JsonNode event, HeartbeatSettings settings) {
        JsonNode record = event.path("detail");
        String eventSource = Json.text(record, "/eventSource").orElse("");
        String eventName = Json.text(record, "/eventName").orElse("");
        if (!"events.amazonaws.com".equals(eventSource) || !"TagResource".equals(eventName)) {
            return new NotCounted("not an EventBridge TagResource record: " + eventSource + " " + eventName);
        }
        Optional<String> error = Json.text(record, "/errorCode");
        if (error.isPresent()) {
            return new NotCounted("the TagResource failed (" + error.get() + ")");
        }
        String resource = Json.text(record, "/requestParameters/resourceARN").orElse("");
        if (!settings.ruleArn().equals(resource)) {
            return new NotCounted("TagResource on " + resource + ", not on the heartbeat's rule");
        }
        String issuer = Json.text(record, "/userIdentity/sessionContext/sessionIssuer/arn").orElse("");
        if (!"AssumedRole".equals(Json.text(record, "/userIdentity/type").orElse("")) || !settings.roleArn().equals(issuer)) {
            return new NotCounted("written by " + Json.text(record, "/userIdentity/arn").orElse("an unknown caller")
                    + ", not by the heartbeat's own role");
        }
        String region = Json.text(record, "/awsRegion").orElse("");
        if (!settings.region().equals(region)) {
            return new NotCounted("a record of region " + region + ", not " + settings.region());
        }
        Optional<Instant> calledAt = Json.text(record, "/eventTime").flatMap(Envelope::instant);
        if (calledAt.isEmpty()) {
            return new NotCounted("the record has no eventTime");
        }
        return new Counted(calledAt.get(), Json.text(record, "/eventID").orElse(""));
    }
}
