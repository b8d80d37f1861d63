package dev.tourniquet.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A function's IAM policy in {@code template.yaml}, checked against the actions its code performed (the
 * emulator tests) or declares (the permission tests).
 */
public final class LeastPrivilege {
    private final List<JsonNode> statements;

    /** The policy of {@code function}, a logical id of the template. */
    public LeastPrivilege(TemplateRules template, String function) {
        this.statements = template.policyStatements(function);
    }

    /** The actions an Allow statement grants (patterns as written, such as {@code iam:Get*}). */
    public Set<String> granted() {
        Set<String> granted = new TreeSet<>();
        for (JsonNode statement : statements) {
            if ("Allow".equals(statement.path("Effect").asText())) {
                granted.addAll(actions(statement));
            }
        }
        return granted;
    }

    /** Actions in {@code performed} that no Allow statement grants. */
    public Set<String> notGranted(Set<String> performed) {
        Set<String> missing = new TreeSet<>();
        for (String action : performed) {
            if (granted().stream().noneMatch(pattern -> matches(pattern, action))) {
                missing.add(action);
            }
        }
        return missing;
    }

    private static boolean matches(String pattern, String action) {
        String regex = ("\\Q" + pattern.toLowerCase() + "\\E").replace("*", "\\E.*\\Q");
        return Pattern.matches(regex, action.toLowerCase());
    }

    private static List<String> actions(JsonNode statement) {
        List<String> actions = new ArrayList<>();
        JsonNode action = statement.path("Action");
        if (action.isArray()) {
            action.forEach(a -> actions.add(a.asText()));
        } else if (action.isTextual()) {
            actions.add(action.asText());
        }
        return actions;
    }
}
