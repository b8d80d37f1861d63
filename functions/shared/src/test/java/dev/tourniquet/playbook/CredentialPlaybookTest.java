package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Plans are decided without AWS: clients are built but never called. */
class CredentialPlaybookTest {
    private static final Map<String, List<String>> EXPECTED_STEPS = Map.of(
            "health-risk-credentials-exposed.json",
            List.of("deactivate-access-key", "attach-quarantine-policy", "emit-credential-contained"),
            "guardduty-accesskey-credential-exfiltration.json",
            List.of("revoke-role-sessions", "emit-credential-contained"),
            "guardduty-accesskey-root-credential-usage.json", List.of(),
            "guardduty-accesskey-sample.json", List.of(),
            "guardduty-accesskey-prompt-injection-direct.json", List.of(),
            "tourniquet-credential-compromised.json",
            List.of("deactivate-access-key", "attach-quarantine-policy", "emit-credential-contained"));

    static List<String> credentialSamples() {
        return Samples.names().stream().filter(n -> n.startsWith("guardduty-accesskey-") || n.startsWith("health-")
                || n.startsWith("tourniquet-credential-compromised")).toList();
    }

    private static CredentialPlaybook playbook(Map<String, String> env) {
        return new CredentialPlaybook(new AwsClients(Configuration.from(env)));
    }

    private static Signal signal(String sample) {
        return ((ParseResult.Signals) new SignalParser().parse(Samples.load(sample))).signals().get(0);
    }

    private static List<String> stepIds(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("credentialSamples")
    void plan_everyCredentialSample_actsOnlyOnItsOwnKeyOrRole(String sample) {
        Plan plan = playbook(Map.of()).plan(signal(sample));

        List<String> expected = EXPECTED_STEPS.getOrDefault(sample,
                List.of("deactivate-access-key", "attach-quarantine-policy", "emit-credential-contained"));
        assertThat(stepIds(plan)).isEqualTo(expected);
        plan.steps().stream().filter(s -> s.id().equals("deactivate-access-key"))
                .forEach(s -> assertThat(s.target()).isEqualTo(plan.signal().subject()));
    }

    @Test
    void windowStart_healthExposedKey_opensTheLookBackBeforeHealthsStartTime() {
        assertThat(CredentialPlaybook.windowStart(signal("health-risk-credentials-exposed.json").origin(),
                java.time.Duration.ofMinutes(60))).isEqualTo(java.time.Instant.parse("2026-11-20T02:10:05Z"));
    }

    @Test
    void windowStart_guardDutyFinding_opensBeforeEventFirstSeenNotTheDelivery() {
        assertThat(CredentialPlaybook.windowStart(signal("guardduty-accesskey-malicious-ip-caller.json").origin(),
                java.time.Duration.ofMinutes(30))).isEqualTo(java.time.Instant.parse("2026-11-20T02:41:40Z"));
    }

    @Test
    void plan_rootCredentialUsage_alertsOnly() {
        Plan plan = playbook(Map.of()).plan(signal("guardduty-accesskey-root-credential-usage.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("ROOT CREDENTIALS IN USE");
    }

    @Test
    void plan_sampleFinding_recordsOnly() {
        Plan plan = playbook(Map.of()).plan(signal("guardduty-accesskey-sample.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_exemptPrincipalPattern_recordsOnly() {
        Plan plan = playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::*:user/ops-*, arn:aws:iam::*:user/deploy-bot"))
                .plan(signal("guardduty-accesskey-pentest-kali.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.rationale()).startsWith("exempt:");
    }

    @Test
    void plan_principalWithExemptTag_recordsOnly() {
        CompromisedAccessKey key = (CompromisedAccessKey) signal("guardduty-accesskey-pentest-kali.json");
        CompromisedAccessKey tagged = key.withPrincipal(key.principal().resolved("deploy-bot",
                "arn:aws:iam::123456789012:user/ci/deploy-bot", Map.of("tourniquet:exempt", "yes")));

        assertThat(playbook(Map.of()).plan(tagged).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_sessionKeyOfAUser_quarantinesTheUserWithoutDeactivating() {
        CompromisedAccessKey key = (CompromisedAccessKey) signal("guardduty-accesskey-pentest-kali.json");
        CompromisedAccessKey session = new CompromisedAccessKey(key.origin(), "ASIAQWERTYUIOPASDFGH", key.principal(),
                key.reason());

        assertThat(stepIds(playbook(Map.of()).plan(session)))
                .containsExactly("attach-quarantine-policy", "emit-credential-contained");
    }
}
