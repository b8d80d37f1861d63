package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep containment contained, read from {@code template.yaml} and matched by event-ruler: each
 * change that may undo a containment reaches the function owning it; the opposite change (Tourniquet's own
 * direction), a failed call and an unrelated policy do not.
 */
class ContainmentUndonePatternTest {
    private static final String CREDENTIAL = "ContainCredentialFunction/ContainmentUndoneIam";
    private static final String QUARANTINE = "QuarantineFunction/ContainmentUndoneLambda";
    private static final String INSTANCE = "IsolateInstanceFunction/ContainmentUndoneEc2";

    /** The samples of undoing changes and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail-iam-update-access-key-active.json", Set.of(CREDENTIAL)),
            Map.entry("cloudtrail-iam-detach-user-policy.json", Set.of(CREDENTIAL)),
            // A role's policy deleted is also watched as tampering, should the role be Tourniquet's own.
            Map.entry("cloudtrail-iam-delete-role-policy.json", Set.of(CREDENTIAL, "UndoTamperingFunction/TamperOwnResources")),
            Map.entry("cloudtrail-lambda-put-function-concurrency.json", Set.of(QUARANTINE)),
            Map.entry("cloudtrail-lambda-delete-function-concurrency.json", Set.of(QUARANTINE)),
            Map.entry("cloudtrail-lambda-update-event-source-mapping.json", Set.of(QUARANTINE)),
            Map.entry("cloudtrail-ec2-modify-instance-attribute-groups.json", Set.of(INSTANCE)),
            Map.entry("cloudtrail-ec2-associate-iam-instance-profile.json", Set.of(INSTANCE)),
            // Targets put on a rule are also watched as tampering, should the rule be Tourniquet's own.
            Map.entry("cloudtrail-events-put-targets.json", Set.of("QuarantineFunction/ContainmentUndoneRuleTarget",
                    "UndoTamperingFunction/TamperOwnRules", "UndoTamperingFunction/TamperOwnRulesWatch")),
            Map.entry("cloudtrail-scheduler-update-schedule.json", Set.of("QuarantineFunction/ContainmentUndoneSchedule")),
            Map.entry("cloudtrail-lambda-update-function-url-config.json", Set.of(QUARANTINE)),
            // A rule enabled again may have been cut for a function or for a workload: the holds decide.
            Map.entry("cloudtrail-events-enable-rule.json", Set.of("QuarantineFunction/ContainmentUndoneRuleTarget",
                    "StopWorkloadFunction/ContainmentUndoneWorkloadTriggerRule")),
            Map.entry("cloudtrail-ec2-modify-network-interface-attribute-groups.json", Set.of(INSTANCE)));

    private static final EventRouter ROUTER = new EventRouter(TemplateRules.load(ProjectRoot.locate().resolve("template.yaml")));

    // The tampering function and the provenance intake watch some of the same calls for reasons of their own (a
    // change to Tourniquet's own rules or roles; who did what): these tests are about the containing functions.
    private static boolean containing(String rule) {
        return !rule.startsWith("UndoTamperingFunction/") && !rule.startsWith("RecordProvenanceFunction/");
    }

    private static Set<String> matched(JsonNode event) {
        return ROUTER.route(event, "default").stream().map(r -> r.function() + "/" + r.name())
                .filter(ContainmentUndonePatternTest::containing).collect(Collectors.toSet());
    }

    private static ObjectNode sample(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(ProjectRoot.locate().resolve("events").resolve(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode request(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("requestParameters");
    }

    @Test
    void everyUndoingSample_reachesTheFunctionOwningTheContainment() {
        EXPECTED.forEach((file, rules) -> assertThat(matched(sample(file))).as(file)
                .isEqualTo(rules.stream().filter(ContainmentUndonePatternTest::containing).collect(Collectors.toSet())));
    }

    @Test
    void keyMadeInactive_theDirectionTourniquetTakes_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-iam-update-access-key-active.json");
        request(event).put("status", "Inactive");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void failedUndo_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-iam-update-access-key-active.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDenied");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void deletedInlinePolicyOfAnotherName_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-iam-delete-role-policy.json");
        request(event).put("policyName", "AppReadsItsBucket");
        assertThat(matched(event)).isEmpty();
        request(event).put("policyName", "TourniquetRevokeOlderSessions");
        assertThat(matched(event)).containsExactly(CREDENTIAL);
        ((ObjectNode) event.path("detail")).put("eventName", "DeleteUserPolicy");
        request(event).put("policyName", "TourniquetQuarantine");
        assertThat(matched(event)).containsExactly(CREDENTIAL);
    }

    @Test
    void concurrencySetToZero_theDirectionTourniquetTakes_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-lambda-put-function-concurrency.json");
        request(event).put("reservedConcurrentExecutions", 0);
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void mappingDisabled_theDirectionTourniquetTakes_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-lambda-update-event-source-mapping.json");
        request(event).put("enabled", false);
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void instanceAttributeOtherThanGroups_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-ec2-modify-instance-attribute-groups.json");
        request(event).remove("groupSet");
        request(event).put("attribute", "disableApiTermination").put("value", "true");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void ruleTargetThatIsNoFunction_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-events-put-targets.json");
        ((ObjectNode) request(event).path("targets").get(0)).put("arn", "arn:aws:sqs:us-west-2:123456789012:jobs");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void ruleDisabled_theDirectionTourniquetTakes_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-events-enable-rule.json");
        ((ObjectNode) event.path("detail")).put("eventName", "DisableRule");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void interfaceAttributeOtherThanGroups_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-ec2-modify-network-interface-attribute-groups.json");
        request(event).remove("groupSet");
        request(event).putObject("sourceDestCheck").put("value", false);
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void functionUrlRequiringIam_reachesNoRule() {
        ObjectNode event = sample("cloudtrail-lambda-update-function-url-config.json");
        request(event).put("authType", "AWS_IAM");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void instanceStarted_reachesTheInstanceFunctionOnce() {
        assertThat(matched(sample("cloudtrail-ec2-start-instances.json")))
                .containsExactly(INSTANCE);
    }
}
