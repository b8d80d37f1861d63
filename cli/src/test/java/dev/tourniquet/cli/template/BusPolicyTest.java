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
 * Tourniquet's bus; a role merely named or pathed like Tourniquet's may not, nor the forwarders' delivery role;
 * nothing is a pattern. The delivery role may put only AWS-sourced events, on the home default bus only.
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
    private static final String DELIVERY_ROLE =
            "arn:aws:iam::" + ACCOUNT + ":role/tourniquet/tourniquet-ForwarderDeliveryRole-StU34";
    private static final Map<String, Object> TEMPLATE = CfnYaml.load(ProjectRoot.locate().resolve("template.yaml"));

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(String resource) {
        return (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) TEMPLATE.get("Resources"))
                .get(resource)).get("Properties");
    }

    private static Object evaluate(Object value) {
        return CfnYaml.evaluate(value, ref -> switch (ref) {
            case "ContainCredentialFunctionRole.Arn" -> CREDENTIAL_ROLE;
            case "QuarantineFunctionRole.Arn" -> QUARANTINE_ROLE;
            case "IsolateInstanceFunctionRole.Arn" -> INSTANCE_ROLE;
            case "RecordProvenanceFunctionRole.Arn" -> PROVENANCE_ROLE;
            case "UndoTamperingFunctionRole.Arn" -> TAMPERING_ROLE;
            case "HeartbeatFunctionRole.Arn" -> HEARTBEAT_ROLE;
            case "ForwarderDeliveryRole.Arn" -> DELIVERY_ROLE;
            default -> throw new IllegalArgumentException("unexpected reference " + ref);
        }, condition -> {
            throw new IllegalArgumentException("unexpected condition " + condition);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> exemptFromDeny() {
        Map<String, Object> statement = (Map<String, Object>) properties("TourniquetBusPolicy").get("Statement");
        assertThat(statement).containsEntry("Effect", "Deny").containsEntry("Action", "events:PutEvents")
                .containsEntry("Principal", "*");
        Map<String, Object> condition = (Map<String, Object>) statement.get("Condition");
        assertThat(condition).containsOnlyKeys("ArnNotEquals");
        Map<String, Object> operator = (Map<String, Object>) condition.get("ArnNotEquals");
        assertThat(operator).containsOnlyKeys("aws:PrincipalArn");
        return (List<String>) evaluate(operator.get("aws:PrincipalArn"));
    }

    // IAM: a negated operator over several values holds when the key matches none of them; ArnEquals, like
    // ArnLike, reads * and ? as wildcards in each of the six ARN parts.
    private static boolean putEventsDenied(String principalArn, List<String> values) {
        return values.stream().noneMatch(value -> Pattern.matches(("\\Q" + value + "\\E").replace("*", "\\E.*\\Q")
                .replace("?", "\\E.\\Q"), principalArn));
    }

    @Test
    void busPolicy_thisStacksFunctionRoles_mayPutEvents() {
        List<String> values = exemptFromDeny();

        assertThat(values).containsExactlyInAnyOrderElementsOf(PUTTING_ROLES);
        assertThat(PUTTING_ROLES).noneMatch(role -> putEventsDenied(role, values));
        assertThat(putEventsDenied(HEARTBEAT_ROLE, values)).isTrue();
    }

    @Test
    void busPolicy_lookAlikeNamesPathsAndAccounts_areDenied() {
        List<String> values = exemptFromDeny();

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
    void busPolicy_theForwardersDeliveryRole_mayNotPutChainEvents() {
        assertThat(putEventsDenied(DELIVERY_ROLE, exemptFromDeny())).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deliveryStatement() {
        List<Object> policies = (List<Object>) properties("ForwarderDeliveryRole").get("Policies");
        assertThat(policies).hasSize(1);
        List<Object> statements = (List<Object>) ((Map<String, Object>) ((Map<String, Object>) policies.get(0))
                .get("PolicyDocument")).get("Statement");
        assertThat(statements).hasSize(1);
        return (Map<String, Object>) statements.get(0);
    }

    // IAM, for the one Allow of the delivery role: PutEvents on exactly the resource, every source of the request
    // (ForAllValues) like one of the values, and the key present (Null false). EventBridge supplies events:source for
    // a forwarded event too ("the event's source, or the source being forwarded"), and refuses PutEvents of an aws.
    // source from any caller: what passes is what AWS itself emitted in the forwarding region.
    @SuppressWarnings("unchecked")
    private static boolean deliveryAllowed(String bus, List<String> sources) {
        Map<String, Object> allow = deliveryStatement();
        Map<String, Object> condition = (Map<String, Object>) allow.get("Condition");
        assertThat(condition).containsOnlyKeys("ForAllValues:StringLike", "Null");
        List<String> like = (List<String>) ((Map<String, Object>) condition.get("ForAllValues:StringLike"))
                .get("events:source");
        String mustExist = (String) ((Map<String, Object>) condition.get("Null")).get("events:source");
        String resource = ((Map<String, String>) allow.get("Resource")).get("Fn::Sub")
                .replace("${AWS::Partition}", "aws").replace("${AWS::Region}", "eu-west-1")
                .replace("${AWS::AccountId}", ACCOUNT);
        boolean keyAccepted = !sources.isEmpty() || !"false".equals(mustExist);
        return "Allow".equals(allow.get("Effect")) && "events:PutEvents".equals(allow.get("Action"))
                && resource.equals(bus) && keyAccepted && sources.stream().allMatch(source -> like.stream()
                .anyMatch(value -> Pattern.matches(("\\Q" + value + "\\E").replace("*", "\\E.*\\Q"), source)));
    }

    @Test
    void deliveryRole_putsAwsEvents_onTheHomeDefaultBusOnly() {
        String home = "arn:aws:events:eu-west-1:" + ACCOUNT + ":event-bus/default";

        assertThat(deliveryAllowed(home, List.of("aws.guardduty"))).isTrue();
        assertThat(deliveryAllowed(home, List.of("aws.iam", "aws.health"))).isTrue();
        // A forged chain event, or any custom source, through the role passed to an attacker's rule: refused.
        assertThat(deliveryAllowed(home, List.of("tourniquet"))).isFalse();
        assertThat(deliveryAllowed(home, List.of("aws.guardduty", "tourniquet"))).isFalse();
        assertThat(deliveryAllowed(home, List.of("com.aws.fake"))).isFalse();
        assertThat(deliveryAllowed(home, List.of())).isFalse();
        assertThat(deliveryAllowed("arn:aws:events:eu-west-1:" + ACCOUNT + ":event-bus/tourniquet",
                List.of("aws.guardduty"))).isFalse();
        assertThat(deliveryAllowed("arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/default",
                List.of("aws.guardduty"))).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void deliveryRole_isAssumedByEventBridge_forThisAccountOnly() {
        Map<String, Object> trust = (Map<String, Object>) properties("ForwarderDeliveryRole").get("AssumeRolePolicyDocument");
        List<Object> statements = (List<Object>) trust.get("Statement");

        assertThat(statements).singleElement().satisfies(statement -> {
            Map<String, Object> s = (Map<String, Object>) statement;
            assertThat(s).containsEntry("Effect", "Allow").containsEntry("Action", "sts:AssumeRole")
                    .containsEntry("Principal", Map.of("Service", "events.amazonaws.com"));
            assertThat(s.get("Condition")).isEqualTo(Map.of("StringEquals",
                    Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))));
        });
        assertThat(properties("ForwarderDeliveryRole").get("Path")).isEqualTo("/tourniquet/");
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
        assertThat((List<Object>) evaluate(deny.get("Resource")))
                .containsExactlyInAnyOrder(CREDENTIAL_ROLE, QUARANTINE_ROLE, INSTANCE_ROLE, PROVENANCE_ROLE,
                        TAMPERING_ROLE, HEARTBEAT_ROLE, DELIVERY_ROLE);
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
