package dev.tourniquet.flow.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.Envelope;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a CloudTrail record delivered to the heartbeat is the heartbeat's own write come back: an
 * {@code events.amazonaws.com} {@code TagResource} that succeeded, by exactly its own role (the session issuer's ARN,
 * never a name or a path), on exactly its own rule in its own region, or on exactly a forwarder's heartbeat rule in that
 * forwarder's region (forwarded home: that region's heartbeat). Anything else is not counted, and nothing is
 * done about it. EventBridge refuses {@code PutEvents} of a source starting with {@code aws.}, so such a record
 * cannot be put on the bus by a caller: it comes from CloudTrail.
 */
sealed interface HeartbeatReturn {

    /**
     * The heartbeat came back; {@code calledAt} is when its write was made (the record's {@code eventTime}),
     * {@code region} the region it proves ({@code forwarded}: another region's, through its forwarder).
     */
    record Counted(Instant calledAt, String eventId, String region, boolean forwarded) implements HeartbeatReturn {
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
        String region = Json.text(record, "/awsRegion").orElse("");
        boolean forwarded = !settings.region().equals(region) && settings.forwarderRuleArn(region).equals(resource);
        if (!settings.ruleArn().equals(resource) && !forwarded) {
            return new NotCounted("TagResource on " + resource + ", not on the heartbeat's rule or the forwarder's"
                    + " heartbeat rule of region " + region);
        }
        String issuer = Json.text(record, "/userIdentity/sessionContext/sessionIssuer/arn").orElse("");
        if (!"AssumedRole".equals(Json.text(record, "/userIdentity/type").orElse("")) || !settings.roleArn().equals(issuer)) {
            return new NotCounted("written by " + Json.text(record, "/userIdentity/arn").orElse("an unknown caller")
                    + ", not by the heartbeat's own role");
        }
        if (!forwarded && !settings.region().equals(region)) {
            return new NotCounted("a record of region " + region + ", not " + settings.region());
        }
        Optional<Instant> calledAt = Json.text(record, "/eventTime").flatMap(Envelope::instant);
        if (calledAt.isEmpty()) {
            return new NotCounted("the record has no eventTime");
        }
        return new Counted(calledAt.get(), Json.text(record, "/eventID").orElse(""), region, forwarded);
    }
}
