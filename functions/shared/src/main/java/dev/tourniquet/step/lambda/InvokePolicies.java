package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a function's resource-based policy: which statements let anyone, or another account, invoke it.
 * Principals come as {@code "*"}, {@code {"AWS": "*"}}, {@code {"AWS": "arn:aws:iam::ACCOUNT:root"}}, a bare
 * account id, or {@code {"Service": "s3.amazonaws.com"}} (a service in this account: not opened to others).
 */
final class InvokePolicies {
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

    private InvokePolicies() {}

    static JsonNode parse(String policy) {
        try {
            return Json.MAPPER.readTree(policy == null ? "{}" : policy);
        } catch (JsonProcessingException e) {
            return Json.object().put("unreadable", policy);
        }
    }

    /** The Allow statements that let anyone, or an account other than {@code ownAccount}, invoke the function. */
    static List<JsonNode> openToOthers(JsonNode policy, String ownAccount) {
        List<JsonNode> open = new ArrayList<>();
        for (JsonNode statement : policy.path("Statement")) {
            if ("Allow".equals(statement.path("Effect").asText()) && opens(statement, ownAccount)) {
                open.add(statement);
            }
        }
        return open;
    }

    private static boolean opens(JsonNode statement, String ownAccount) {
        for (String principal : awsPrincipals(statement.path("Principal"))) {
            Optional<String> account = account(principal);
            if (account.isEmpty() ? "*".equals(principal) && !limitedToOwnAccount(statement, ownAccount)
                    : !account.get().equals(ownAccount)) {
                return true;
            }
        }
        return false;
    }

    // "*" restricted by a condition on the caller's own source account is how S3 and SNS triggers look.
    private static boolean limitedToOwnAccount(JsonNode statement, String ownAccount) {
        JsonNode equals = statement.path("Condition").path("StringEquals");
        return ownAccount.equals(equals.path("AWS:SourceAccount").asText(null))
                || ownAccount.equals(equals.path("aws:SourceAccount").asText(null));
    }

    private static List<String> awsPrincipals(JsonNode principal) {
        List<String> values = new ArrayList<>();
        if (principal.isTextual()) {
            values.add(principal.asText());
        }
        JsonNode aws = principal.path("AWS");
        if (aws.isTextual()) {
            values.add(aws.asText());
        }
        aws.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The account of an AWS principal ({@code 123456789012} or an IAM ARN); empty for {@code "*"}. */
    static Optional<String> account(String principal) {
        if (ACCOUNT.matcher(principal).matches()) {
            return Optional.of(principal);
        }
        String[] parts = principal.split(":");
        return parts.length > 4 && parts[0].equals("arn") && ACCOUNT.matcher(parts[4]).matches()
                ? Optional.of(parts[4]) : Optional.empty();
    }

    /** The single principal AddPermission takes to put a statement back. */
    static String principalOf(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        if (principal.isTextual()) {
            return principal.asText();
        }
        for (String key : new String[] {"AWS", "Service"}) {
            JsonNode value = principal.path(key);
            if (value.isTextual()) {
                return value.asText();
            }
            if (value.isArray() && !value.isEmpty()) {
                return value.get(0).asText();
            }
        }
        return "*";
    }

    /** The value of one condition key, whichever operator carries it. */
    static Optional<String> condition(JsonNode statement, String key) {
        for (JsonNode operator : statement.path("Condition")) {
            Optional<String> value = Json.text(operator, "/" + key.replace("/", "~1"));
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }
}
