package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;

/**
 * One event as a rule delivered it, read once: what the parser made of it, and the raw document, which is
 * kept as evidence and never read again.
 *
 * @param eventId the envelope's id, or {@code (none)} when it has none
 * @param parsed  what the event says: signals, provenance, a sweep, nothing to do, or why it is rejected
 * @param raw     the event as delivered (evidence only)
 */
public record Delivery(String eventId, ParseResult parsed, JsonNode raw) {
    private static final SignalParser PARSER = new SignalParser();

    /** Parses an EventBridge event; never throws on bad input (a rejected result says why). */
    public static Delivery read(JsonNode event) {
        return new Delivery(Json.text(event, "/id").orElse("(none)"), PARSER.parse(event), event);
    }

    /** Input that could not even be read as JSON: rejected, for {@code reason}. */
    public static Delivery unreadable(String reason) {
        return new Delivery("(none)", new ParseResult.Rejected(reason), Json.object());
    }
}
