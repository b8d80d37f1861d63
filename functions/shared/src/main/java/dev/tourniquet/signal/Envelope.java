package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The EventBridge envelope: {@code version, id, detail-type, source, account, time, region, resources,
 * detail}.
 */
public record Envelope(String id, String detailType, String source, String account, Instant time, String region,
                       JsonNode detail) {

    /** Reads an envelope, or says which required field is missing or wrong. */
    public static Result read(JsonNode event) {
        if (event == null || !event.isObject()) {
            return new Result.Invalid("the event is not a JSON object");
        }
        for (String field : new String[] {"id", "detail-type", "source", "account", "time", "region"}) {
            if (Json.text(event, "/" + field).isEmpty()) {
                return new Result.Invalid("the EventBridge envelope has no '" + field + "'");
            }
        }
        JsonNode detail = event.path("detail");
        if (!detail.isObject()) {
            return new Result.Invalid("the EventBridge envelope has no 'detail' object");
        }
        Optional<Instant> time = instant(event.path("time").asText());
        if (time.isEmpty()) {
            return new Result.Invalid("the envelope 'time' is not an ISO-8601 instant: " + event.path("time").asText());
        }
        return new Result.Valid(new Envelope(event.path("id").asText(), event.path("detail-type").asText(),
                event.path("source").asText(), event.path("account").asText(), time.get(),
                event.path("region").asText(), detail));
    }

    public static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** An origin for a signal that is not a finding (a chain event, a CloudTrail record). */
    public Origin origin() {
        return new Origin(id, source, detailType, Optional.empty(), Optional.empty(), 0, id, account, region, time,
                false);
    }

    public sealed interface Result {
        record Valid(Envelope envelope) implements Result {}

        record Invalid(String reason) implements Result {}
    }
}
