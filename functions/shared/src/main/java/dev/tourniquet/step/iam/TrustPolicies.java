package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Who a role's trust policy lets in, and the same policy without the principals outside the account: {@code *}, other
 * accounts (an account id, or an ARN of another account), and federated identity providers the incident created.
 * Services ({@code Principal.Service}) and this account's own principals stay; so does whatever the role trusted
 * before (the caller passes it as {@code kept}), so that an owner's deliberate cross-account trust survives. Deny
 * statements are never touched. An {@code Allow} with {@code NotPrincipal} (everyone but …) is outside by nature.
 */
public final class TrustPolicies {
    /** What a trust policy becomes when nothing inside the account was trusted: no one may assume the role. */
    static final String TRUSTS_NO_ONE = """
            {"Version":"2012-10-17","Statement":[{"Sid":"TourniquetNoOutsideTrust","Effect":"Deny",\
            "Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}""";

    private TrustPolicies() {}

    /** Every principal an {@code Allow} statement trusts, as {@code TYPE:VALUE} ({@code AWS:*}, {@code Federated:ARN}). */
    public static Set<String> trusted(JsonNode policy) {
        Set<String> found = new HashSet<>();
        for (JsonNode statement : statements(policy)) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                principals(statement.path("Principal")).forEach(found::add);
            }
        }
        return found;
    }

    /**
     * The policy without the outside principals not in {@code kept}; a statement left with no principal goes; a
     * policy left with no statement trusts no one ({@link #TRUSTS_NO_ONE}).
     *
     * @param accountId          the role's own account
     * @param createdByIncident  whether a federated provider ARN was created by the incident
     * @param kept               principals ({@code TYPE:VALUE}) the role trusted before: kept whatever they are
     */
    public static JsonNode withoutOutsiders(JsonNode policy, String accountId, Predicate<String> createdByIncident,
                                            Set<String> kept) {
        ObjectNode result = policy.deepCopy();
        ArrayNode statements = Json.MAPPER.createArrayNode();
        for (JsonNode statement : statements(policy)) {
            if (!"Allow".equals(statement.path("Effect").asText())) {
                statements.add(statement);
                continue;
            }
            if (statement.has("NotPrincipal")) {
                continue;
            }
            List<String> inside = principals(statement.path("Principal")).stream()
                    .filter(p -> kept.contains(p) || !outside(p, accountId, createdByIncident)).toList();
            if (!inside.isEmpty()) {
                statements.add(((ObjectNode) statement.deepCopy()).set("Principal", principal(inside)));
            }
        }
        if (statements.isEmpty()) {
            return PolicyDocuments.parse(TRUSTS_NO_ONE).orElseThrow();
        }
        result.set("Statement", statements);
        return result;
    }

    /** Whether one principal ({@code TYPE:VALUE}) lies outside the account. */
    static boolean outside(String principal, String accountId, Predicate<String> createdByIncident) {
        int colon = principal.indexOf(':');
        String type = principal.substring(0, colon);
        String value = principal.substring(colon + 1);
        return switch (type) {
            case "AWS" -> value.equals("*") || !accountOf(value).map(accountId::equals).orElse(true);
            case "Federated" -> createdByIncident.test(value);
            default -> false;
        };
    }

    // An account id, or the account of an ARN; empty for a unique id (AIDA…, AROA…), which names this account's own.
    private static java.util.Optional<String> accountOf(String awsPrincipal) {
        if (awsPrincipal.matches("[0-9]{12}")) {
            return java.util.Optional.of(awsPrincipal);
        }
        String[] parts = awsPrincipal.split(":", 6);
        return parts.length >= 5 && "arn".equals(parts[0]) ? java.util.Optional.of(parts[4]) : java.util.Optional.empty();
    }

    private static List<JsonNode> statements(JsonNode policy) {
        JsonNode statement = policy.path("Statement");
        List<JsonNode> all = new ArrayList<>();
        if (statement.isArray()) {
            statement.forEach(all::add);
        } else if (statement.isObject()) {
            all.add(statement);
        }
        return all;
    }

    private static List<String> principals(JsonNode principal) {
        List<String> found = new ArrayList<>();
        if (principal.isTextual()) {
            found.add("AWS:" + principal.asText());
            return found;
        }
        principal.fieldNames().forEachRemaining(type -> {
            JsonNode values = principal.path(type);
            if (values.isArray()) {
                values.forEach(v -> found.add(type + ":" + v.asText()));
            } else {
                found.add(type + ":" + values.asText());
            }
        });
        return found;
    }

    private static ObjectNode principal(List<String> principals) {
        ObjectNode principal = Json.object();
        for (String p : principals) {
            int colon = p.indexOf(':');
            String type = p.substring(0, colon);
            String value = p.substring(colon + 1);
            JsonNode existing = principal.get(type);
            if (existing == null) {
                principal.put(type, value);
            } else if (existing.isArray()) {
                ((ArrayNode) existing).add(value);
            } else {
                principal.putArray(type).add(existing.asText()).add(value);
            }
        }
        return principal;
    }
}
