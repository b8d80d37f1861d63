package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads AWS Health's {@code AWS_RISK_CREDENTIALS_EXPOSED} event: AWS found one of the account's keys in
 * public (usually a GitHub push). Each affected entity is one key and becomes one signal; the owning
 * user is not in the event and is read from IAM before planning. An entity that is no access key id is
 * reported (the result's {@code refused}) while every valid key is acted on.
 *
 * @see <a href="https://docs.aws.amazon.com/health/latest/ug/cloudwatch-events-health.html">AWS Health events</a>
 */
final class HealthEventParser {
    public static final String CREDENTIALS_EXPOSED = "AWS_RISK_CREDENTIALS_EXPOSED";

    public ParseResult parse(Envelope envelope) {
        JsonNode detail = envelope.detail();
        Optional<String> typeCode = Json.text(detail, "/eventTypeCode");
        if (typeCode.isEmpty()) {
            return new ParseResult.Rejected("the AWS Health event has no detail.eventTypeCode");
        }
        if (!CREDENTIALS_EXPOSED.equals(typeCode.get())) {
            return new ParseResult.Ignored("AWS Health event " + typeCode.get() + " is not an exposed credential");
        }
        Optional<String> eventArn = Json.text(detail, "/eventArn");
        Origin origin = new Origin(envelope.id(), envelope.source(), envelope.detailType(),
                Optional.of(eventArn.orElse(envelope.id())), typeCode, 0,
                Json.text(detail, "/lastUpdatedTime").orElse(Json.text(detail, "/startTime").orElse("")),
                envelope.account(), envelope.region(), envelope.time(), false)
                .firstSeenAt(Json.text(detail, "/startTime").flatMap(HealthEventParser::time));
        String reason = "AWS found this access key exposed in public (" + CREDENTIALS_EXPOSED + ")";
        List<Signal> signals = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (JsonNode entity : detail.path("affectedEntities")) {
            Optional<String> keyId = Json.text(entity, "/entityValue");
            if (keyId.isEmpty() || !keyId.get().matches("A[KS]IA[A-Z0-9]{12,124}")) {
                refused.add("affectedEntities holds a value that is not an access key id: " + keyId.orElse("(empty)"));
                continue;
            }
            signals.add(new CompromisedAccessKey(origin, keyId.get(),
                    new Principal(Principal.PrincipalType.IAM_USER, Optional.empty(), Optional.empty(), Map.of()),
                    reason));
        }
        if (signals.isEmpty()) {
            return new ParseResult.Rejected(refused.isEmpty()
                    ? "the exposed-credentials event lists no affectedEntities[].entityValue"
                    : String.join("; ", refused));
        }
        return new ParseResult.Signals(signals, refused);
    }

    /**
     * AWS Health writes its times in RFC 1123 ({@code Fri, 20 Nov 2026 03:10:05 GMT}) in EventBridge events, and in
     * ISO 8601 through its API: both are read.
     */
    static Optional<java.time.Instant> time(String text) {
        Optional<java.time.Instant> iso = Envelope.instant(text);
        if (iso.isPresent()) {
            return iso;
        }
        try {
            return Optional.of(java.time.ZonedDateTime.parse(text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
