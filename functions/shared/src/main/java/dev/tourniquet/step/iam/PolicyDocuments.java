package dev.tourniquet.step.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** IAM policy documents as read back from IAM, which returns them URL-encoded (RFC 3986). */
public final class PolicyDocuments {
    private PolicyDocuments() {}

    /** The document as JSON, decoded first when IAM returned it URL-encoded; empty when it is not JSON. */
    public static Optional<JsonNode> parse(String document) {
        if (document == null) {
            return Optional.empty();
        }
        String text = document.trim().startsWith("{") ? document : URLDecoder.decode(document, StandardCharsets.UTF_8);
        try {
            return Optional.of(Json.MAPPER.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Whether IAM holds exactly this document (compared as JSON, not as text). */
    public static boolean same(String stored, String expected) {
        return parse(stored).equals(parse(expected));
    }
}
