package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Tampering;
import dev.tourniquet.signal.TamperingEventParser;
import dev.tourniquet.step.Step;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the tampering function decides for each kind of tampering and caller, without calling AWS. */
class TamperingPlaybookTest {
    private static final String STACK =
            "arn:aws:cloudformation:us-east-1:123456789012:stack/tourniquet/5b6c1a10-8a3e-11ef-9d5e-0a1b2c3d4e5f";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("STACK_ID", STACK, "OWN_FUNCTION_NAMES", "tourniquet-contain-credential",
                "OWN_RULE_NAMES", "tourniquet-guardduty-access-key-finding"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static Plan plan(ObjectNode event, String... settings) {
        Configuration configuration = Configuration.from(env(settings));
        ParseResult parsed = new TamperingEventParser(configuration.ownStack(), configuration.deployPrincipalArns())
                .parse(event);
        assertThat(parsed).as(parsed.toString()).isInstanceOf(ParseResult.Signals.class);
        Tampering tampering = (Tampering) ((ParseResult.Signals) parsed).signals().get(0);
        return new TamperingPlaybook(new AwsClients(configuration)).plan(tampering);
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    private static ObjectNode withCaller(String sample, ObjectNode identity) {
        ObjectNode event = Samples.load(sample);
        ((ObjectNode) event.path("detail")).set("userIdentity", identity);
        return event;
    }

    @Test
    void stoppedTrail_byAStolenKey_isStartedAndTheKeyContained() {
        Plan plan = plan(Samples.load("cloudtrail-cloudtrail-stop-logging.json"));
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly("start-trail-logging", "emit-credential-compromised");
        assertThat(plan.rationale()).contains("Caller contained");
    }

    @Test
    void deletedTrailOrDetector_alertsWhatOnlyAPersonCanPutBack_andContains() {
        Plan trail = plan(Samples.load("cloudtrail-cloudtrail-delete-trail.json"));
        Plan detector = plan(Samples.load("cloudtrail-guardduty-delete-detector.json"));
        assertThat(steps(trail)).containsExactly("emit-credential-compromised");
        assertThat(trail.rationale()).contains("Recreate trail");
        assertThat(steps(detector)).containsExactly("emit-credential-compromised");
        assertThat(detector.rationale()).contains("create-detector");
    }

    @Test
    void ownRoleChanged_isAlertedAsARedeploy_andContains() {
        Plan plan = plan(Samples.load("cloudtrail-iam-put-role-policy-own.json"),
                "OWN_ROLE_ARNS", "arn:aws:iam::123456789012:role/tourniquet/tourniquet-ContainCredentialFunctionRole-AbC12");
        assertThat(steps(plan)).containsExactly("emit-credential-compromised");
        assertThat(plan.rationale()).contains("redeploy it (sam deploy)");
    }

    @Test
    void awsServiceOrServiceLinkedRole_isUndoneNotContained() {
        ObjectNode service = Json.object().put("type", "AWSService").put("invokedBy", "config.amazonaws.com");
        ObjectNode linked = Json.object().put("type", "AssumedRole").put("accessKeyId", "ASIAEXAMPLESLR000001")
                .put("arn", "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForConfig/config");
        for (ObjectNode caller : List.of(service, linked)) {
            Plan plan = plan(withCaller("cloudtrail-cloudtrail-stop-logging.json", caller));
            assertThat(steps(plan)).containsExactly("start-trail-logging");
            assertThat(plan.rationale()).contains("never contained");
        }
    }

    @Test
    void root_isUndoneAndAlertedNeverLockedOut() {
        ObjectNode root = Json.object().put("type", "Root").put("arn", "arn:aws:iam::123456789012:root")
                .put("accessKeyId", "ASIAROOTSESSION00001");
        Plan plan = plan(withCaller("cloudtrail-guardduty-update-detector-disable.json", root));
        assertThat(steps(plan)).containsExactly("enable-detector");
        assertThat(plan.rationale()).contains("root is never locked out");
    }

    @Test
    void exemptPrincipal_isUndoneNotContained() {
        Plan plan = plan(Samples.load("cloudtrail-cloudtrail-stop-logging.json"),
                "EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:user/deploy-*");
        assertThat(steps(plan)).containsExactly("start-trail-logging");
    }

    @Test
    void roleSession_isContainedAsThatSession() {
        ObjectNode session = Json.object().put("type", "AssumedRole").put("accessKeyId", "ASIAEXAMPLESESSION01")
                .put("arn", "arn:aws:sts::123456789012:assumed-role/ops-admin/mallory");
        Plan plan = plan(withCaller("cloudtrail-cloudtrail-stop-logging.json", session));
        assertThat(steps(plan)).containsExactly("start-trail-logging", "emit-credential-compromised");
        assertThat(plan.steps().get(1).target()).isEqualTo("ASIAEXAMPLESESSION01");
    }

    @Test
    void stackChange_withoutDeployPrincipals_isUndoneButNotContained() {
        Plan plan = plan(Samples.load("cloudtrail-cloudformation-update-termination-protection.json"));
        assertThat(steps(plan)).containsExactly("protect-own-stack");
        assertThat(plan.rationale()).contains("no DeployPrincipalArns");
    }

    @Test
    void stackChange_byAnotherThanTheDeployPrincipals_isContained() {
        Plan plan = plan(Samples.load("cloudtrail-cloudformation-update-termination-protection.json"),
                "DEPLOY_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:role/github-deploy");
        assertThat(steps(plan)).containsExactly("protect-own-stack", "emit-credential-compromised");
    }

    @Test
    void ownResourceChangedByCloudFormation_isAlertedNotUndone() {
        ObjectNode viaStack = Json.object().put("type", "AssumedRole").put("accessKeyId", "ASIAEXAMPLECFN00001")
                .put("arn", "arn:aws:sts::123456789012:assumed-role/admin/alice").put("invokedBy", "cloudformation.amazonaws.com");
        Plan plan = plan(withCaller("cloudtrail-lambda-put-function-concurrency-own.json", viaStack));
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("CloudFormation made this change");
    }

    @Test
    void anotherAccount_isAlertedNeverActedOn() {
        ObjectNode event = Samples.load("cloudtrail-cloudtrail-stop-logging.json");
        ((ObjectNode) event.path("detail")).put("recipientAccountId", "210987654321");
        Plan plan = plan(event);
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void everySample_plansTheUndoOfItsKind() {
        Map<String, String> first = Map.of(
                "cloudtrail-cloudtrail-update-trail-single-region.json", "restore-trail-settings",
                "cloudtrail-cloudtrail-put-event-selectors-no-management.json", "restore-event-selectors",
                "cloudtrail-cloudtrail-put-insight-selectors-empty.json", "restore-insight-selectors",
                "cloudtrail-guardduty-update-detector-disable.json", "enable-detector",
                "cloudtrail-guardduty-create-filter-archive.json", "disarm-archive-filter",
                "cloudtrail-guardduty-create-ip-set.json", "deactivate-ip-set",
                "cloudtrail-lambda-put-function-concurrency-own.json", "restore-own-concurrency",
                "cloudtrail-events-disable-rule-own.json", "enable-own-rule");
        first.forEach((sample, step) -> assertThat(steps(plan(Samples.load(sample)))).as(sample)
                .containsExactly(step, "emit-credential-compromised"));
    }

    @Test
    void bedrockLoggingDeleted_isRestoredFromTheBaseline_andTheKeyContained() {
        Plan plan = plan(Samples.load("cloudtrail-bedrock-delete-model-invocation-logging-configuration.json"));
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly("restore-model-invocation-logging", "emit-credential-compromised");
        assertThat(plan.rationale()).contains("deleted Amazon Bedrock model invocation logging");
    }
}
