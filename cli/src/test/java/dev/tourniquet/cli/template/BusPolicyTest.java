package dev.tourniquet.cli.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.local.ProjectRoot;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bus policy and the own-resource denies of {@code template.yaml}, evaluated as CloudFormation deploys
 * them and as IAM applies them: only this stack's function roles, by exact ARN, may put events on
 * Tourniquet's bus; a role merely named or pathed like Tourniquet's may not; nothing is a pattern.
 */
class BusPolicyTest {
    private static final String ACCOUNT = "123456789012";
    private static final String CREDENTIAL_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12";
    private static final String QUARANTINE_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-QuarantineFunctionRole-DeF34";
    private static final String INSTANCE_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-IsolateInstanceFunctionRole-GhI56";
    private static final String PROVENANCE_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-RecordProvenanceFunctionRole-JkL78";
    private static final String TAMPERING_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-UndoTamperingFunctionRole-MnO90";
    private static final String HEARTBEAT_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-HeartbeatFunctionRole-PqR12";
    /** The roles whose functions put chain events (the heartbeat puts none). */
    private static final List<String> PUTTING_ROLES =
            List.of(CREDENTIAL_ROLE, QUARANTINE_ROLE, INSTANCE_ROLE, PROVENANCE_ROLE, TAMPERING_ROLE);
    private static final String WEST_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-west-QuarantineFunctionRole-XyZ90";
    private static final Map<String, Object> TEMPLATE = CfnYaml.load(ProjectRoot.locate().resolve("template.yaml"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String resource) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) TEMPLATE.get("Resources"))
                .get(resource)).get("Properties");
    }

    private static Object evaluate(Object value, String regionalRoles) {
        return CfnYaml.evaluate(value, ref -> switch (ref) {
            case "ContainCredentialFunctionRole.Arn" -> CREDENTIAL_ROLE;
            case "QuarantineFunctionRole.Arn" -> QUARANTINE_ROLE;
            case "IsolateInstanceFunctionRole.Arn" -> INSTANCE_ROLE;
            case "RecordProvenanceFunctionRole.Arn" -> PROVENANCE_ROLE;
            case "UndoTamperingFunctionRole.Arn" -> TAMPERING_ROLE;
            case "HeartbeatFunctionRole.Arn" -> HEARTBEAT_ROLE;
            case "RegionalFunctionRoleArns" -> regionalRoles;
            default -> throw new IllegalArgumentException("unexpected reference " + ref);
        }, condition -> switch (condition) {
            case "HasRegionalFunctionRoles" -> !regionalRoles.isEmpty();
            default -> throw new IllegalArgumentException("unexpected condition " + condition);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> exemptFromDeny(String regionalRoles) {
        Map<String, Object> statement = (Map<String, Object>) properties("TourniquetBusPolicy").get("Statement");
        assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "events:PutEvents")
                .containsEntry("Principal", "*");
        Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
        assertThat(condition).containsOnlyKeys("ArnNotEquals");
        Map<String, Object> operator = (Map<String, Object>) condition.get("ArnNotEquals");
        assertThat(operator).containsOnlyKeys("aws:PrincipalArn");
        return (List<String>) evaluate(operator.get("aws:PrincipalArn"), regionalRoles);
    }

    // IAM: a negated operator over several values holds when the key matches none of them; ArnEquals, like
    // ArnLike, reads * and ? as wildcards in each of the six ARN parts.
    private static boolean putEventsDenied(String principalArn, List<String> values) {
        return values.stream().noneMatch(value -> Pattern.matches(("\\Q" + value + "\\E").replace("*", "\\E.*\\Q")
                .replace("?", "\\E.\\Q"), principalArn));
    }

    @Test
    void busPolicy_thisStacksFunctionRoles_mayPutEvents() {
        List<String> values = exemptFromDeny("");

        assertThat(values).containsExactlyInAnyOrderElementsOf(PUTTING_ROLES);
        assertThat(PUTTING_ROLES).noneMatch(role -> putEventsDenied(role, values));
        assertThat(putEventsDenied(HEARTBEAT_ROLE, values)).isTrue();
    }

    @Test
    void busPolicy_lookAlikeNamesPathsAndAccounts_areDenied() {
        List<String> values = exemptFromDeny("");

        assertThat(List.of(
                "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12x",
                "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-miner-role",
                "arn:aws:iam::" + ACCOUNT + ":role/tourniquet-ContainCredentialFunctionRole-AbC12",
                "arn:aws:iam::" + ACCOUNT + ":role/attacker/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12",
                "arn:aws:iam::210987654321:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12",
                "arn:aws:iam::" + ACCOUNT + ":user/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12",
                "arn:aws:iam::" + ACCOUNT + ":root"))
                .allMatch(principal -> putEventsDenied(principal, values));
        assertThat(values).noneMatch(value -> value.contains("*") || value.contains("?") || value.isBlank());
    }

    @Test
    void busPolicy_otherRegionsFunctionRoles_mayPutEventsOnlyWhenListed() {
        assertThat(putEventsDenied(WEST_ROLE, exemptFromDeny(""))).isTrue();
        assertThat(putEventsDenied(WEST_ROLE, exemptFromDeny(WEST_ROLE))).isFalse();
        assertThat(putEventsDenied("arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-west-other",
                exemptFromDeny(WEST_ROLE))).isTrue();
    }

    @Test
    void regionalRoleParameter_refusesPatterns() {
        @SuppressWarnings("unchecked")
        Map<String, Object> parameter = (Map<String, Object>) ((Map<String, Object>) TEMPLATE.get("Parameters"))
                .get("RegionalFunctionRoleArns");
        Pattern allowed = Pattern.compile((String) parameter.get("AllowedPattern"));

        assertThat(allowed.matcher("").matches()).isTrue();
        assertThat(allowed.matcher(WEST_ROLE + "," + CREDENTIAL_ROLE).matches()).isTrue();
        assertThat(allowed.matcher("arn:aws:iam::" + ACCOUNT + ":role/tourniquet/*").matches()).isFalse();
        assertThat(allowed.matcher("arn:aws:iam::*:role/x").matches()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void ownRoleDeny_namesExactRoleArns_andCoversEveryFunctionRole() {
        Map<String, Object> policy = properties("TourniquetRolesUntouchable");
        List<Object> statements = (List<Object>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
        Map<String, Object> deny = (Map<String, Object>) statements.get(0);

        assertThat(deny).containsEntry("Effect", "Deny");
        assertThat((List<String>) deny.get("Action")).contains("iam:PutRolePolicy", "iam:AttachRolePolicy",
                "iam:UpdateAssumeRolePolicy", "iam:DeleteRole");
        assertThat((List<Object>) evaluate(deny.get("Resource"), ""))
                .containsExactlyInAnyOrder(CREDENTIAL_ROLE, QUARANTINE_ROLE, INSTANCE_ROLE, PROVENANCE_ROLE,
                        TAMPERING_ROLE, HEARTBEAT_ROLE);
        assertThat((List<Object>) policy.get("Roles")).hasSize(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void functionDeny_namesExactFunctionArns_notAPrefix() {
        List<Object> policies = (List<Object>) properties("QuarantineFunction").get("Policies");
        Map<String, Object> deny = ((List<Map<String, Object>>) ((Map<String, Object>) policies.get(0)).get("Statement"))
                .stream().filter(s -> "NeverTouchTourniquetFunctions".equals(s.get("Sid"))).findFirst().orElseThrow();
        List<String> resources = ((List<Map<String, String>>) deny.get("Resource")).stream()
                .map(sub -> sub.get("Fn::Sub")).toList();

        assertThat(resources).allMatch(arn -> arn.contains(":function:tourniquet-contain-credential")
                || arn.contains(":function:tourniquet-quarantine-function")
                || arn.contains(":function:tourniquet-isolate-instance")
                || arn.contains(":function:tourniquet-record-provenance")
                || arn.contains(":function:tourniquet-heartbeat")
                || arn.contains(":function:tourniquet-undo-tampering"));
        assertThat(resources).noneMatch(arn -> arn.contains("function:tourniquet-*") || arn.contains("lambda:*:"));
    }
}
