package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of Bedrock and LLMjacking (README "Bedrock and LLMjacking"), read from {@code template.yaml} and matched by
 * event-ruler: AI Protection findings (severity Low) reach the credential function, logging tampering the tampering
 * function, model access record-provenance, and model invocations no rule at all (their volume).
 */
class BedrockPatternTest {
    static final String CREDENTIAL = "ContainCredentialFunction/GuardDutyAccessKeyFinding";
    static final String TAMPERING = "UndoTamperingFunction/TamperBedrock";
    static final String PROVENANCE = "RecordProvenanceFunction/BedrockProvenance";
    static final String IAM_PROVENANCE = "RecordProvenanceFunction/IamProvenanceRule";

    /** The Bedrock samples and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("guardduty-accesskey-anomalous-model-invocation.json", Set.of(CREDENTIAL)),
            Map.entry("guardduty-accesskey-cost-harvesting.json", Set.of(CREDENTIAL)),
            Map.entry("guardduty-accesskey-prompt-injection-direct.json", Set.of(CREDENTIAL)),
            Map.entry("guardduty-accesskey-bedrock-logging-disabled.json", Set.of(CREDENTIAL)),
            Map.entry("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json", Set.of(TAMPERING)),
            Map.entry("cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json", Set.of(TAMPERING)),
            Map.entry("cloudtrail-bedrock-put-use-case-for-model-access.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-bedrock-create-foundation-model-agreement.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-bedrock-invoke-model.json", Set.of()),
            Map.entry("cloudtrail-iam-create-service-specific-credential-bedrock.json", Set.of(IAM_PROVENANCE)));

    @ParameterizedTest(name = "severity {0}")
    @ValueSource(doubles = {0.1, 1.0, 2.0, 3.9, 5.0, 8.0})
    void aiProtectionFinding_ofAnySeverity_reachesTheCredentialFunction(double severity) {
        for (String sample : List.of("guardduty-accesskey-anomalous-model-invocation.json",
                "guardduty-accesskey-cost-harvesting.json")) {
            ObjectNode finding = SampleRoutes.sample(sample);
            ((ObjectNode) finding.path("detail")).put("severity", severity);
            assertThat(SampleRoutes.matched(finding, "default")).as(sample).containsExactly(CREDENTIAL);
        }
    }

    @Test
    void aiProtectionFinding_onAnotherResourceType_reachesNoRule() {
        ObjectNode finding = SampleRoutes.sample("guardduty-accesskey-cost-harvesting.json");
        ((ObjectNode) finding.path("detail").path("resource")).put("resourceType", "S3Bucket");
        assertThat(SampleRoutes.matched(finding, "default")).isEmpty();
    }

    @Test
    void otherImpactFindingsOfAKey_reachNoRule() {
        ObjectNode finding = SampleRoutes.sample("guardduty-accesskey-cost-harvesting.json");
        ((ObjectNode) finding.path("detail")).put("type", "Impact:IAMUser/SomethingElse");
        assertThat(SampleRoutes.matched(finding, "default")).isEmpty();
    }

    @Test
    void bedrockCalls_failedOrNotJudged_reachNoRule() {
        ObjectNode failed = SampleRoutes.sample("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AccessDeniedException");
        ObjectNode read = SampleRoutes.sample("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json");
        ((ObjectNode) read.path("detail")).put("eventName", "GetModelInvocationLoggingConfiguration");
        ObjectNode failedAgreement = SampleRoutes.sample("cloudtrail-bedrock-create-foundation-model-agreement.json");
        ((ObjectNode) failedAgreement.path("detail")).put("errorCode", "ValidationException");
        ObjectNode converse = SampleRoutes.sample("cloudtrail-bedrock-invoke-model.json");
        ((ObjectNode) converse.path("detail")).put("eventName", "Converse");
        for (ObjectNode event : List.of(failed, read, failedAgreement, converse)) {
            assertThat(SampleRoutes.matched(event, "default")).isEmpty();
        }
    }
}
