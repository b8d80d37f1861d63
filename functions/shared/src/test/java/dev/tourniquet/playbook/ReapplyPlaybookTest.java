package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.ContainmentUndone.HeldStep;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Re-application plans are decided without AWS: from the change, the steps the incidents hold, the caller. */
class ReapplyPlaybookTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String QUARANTINE = "arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine-us-east-1";

    private static CredentialPlaybook playbook(Map<String, String> env) {
        return new CredentialPlaybook(new AwsClients(Configuration.from(dev.tourniquet.Samples.withOwnStack(env))));
    }

    private static ContainmentUndone undone(String sample) {
        return (ContainmentUndone) ((ParseResult.Signals) new SignalParser().parse(Samples.load(sample))).signals()
                .get(0);
    }

    private static ContainmentUndone held(ContainmentUndone undone, HeldStep... steps) {
        return undone.withHold(new ContainmentUndone.Hold(List.of(steps)));
    }

    private static HeldStep deactivated() {
        return new HeldStep("inc-a", "deactivate-access-key", KEY, Json.object().put("userName", "deploy-bot"));
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    private static ContainmentUndone by(ContainmentUndone undone, ContainmentUndone.Caller caller) {
        return new ContainmentUndone(undone.origin(), undone.action(), undone.resource(), undone.parameters(), caller,
                undone.hold());
    }

    @Test
    void plan_keyReactivatedByAnotherUser_deactivatesAgainAndNamesTheAuthor() {
        Plan plan = playbook(Map.of()).plan(held(undone("cloudtrail-iam-update-access-key-active.json"), deactivated()));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly("deactivate-access-key", "emit-credential-compromised");
        assertThat(plan.steps().get(1).target()).isEqualTo("AKIAI44QH8DHBEXAMPLE");
        assertThat(plan.rationale()).contains("user/ops-backdoor", "inc-a", "./tourniquet release inc-a");
    }

    @Test
    void plan_notHeld_recordsOnly() {
        Plan plan = playbook(Map.of()).plan(undone("cloudtrail-iam-update-access-key-active.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_callerAnAwsServiceOrServiceLinkedRole_reappliesAndContainsNobody() {
        ContainmentUndone undone = held(undone("cloudtrail-iam-update-access-key-active.json"), deactivated());
        List<ContainmentUndone.Caller> services = List.of(
                new ContainmentUndone.Caller("", "AWSService", Optional.empty(), Optional.of("ec2.amazonaws.com")),
                new ContainmentUndone.Caller("arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForAutoScaling/"
                        + "AutoScaling", "AssumedRole", Optional.of("ASIAEXAMPLE"), Optional.empty()));
        for (ContainmentUndone.Caller service : services) {
            Plan plan = playbook(Map.of()).plan(by(undone, service));

            assertThat(steps(plan)).as(service.toString()).containsExactly("deactivate-access-key");
            assertThat(plan.rationale()).contains("AWS service");
        }
    }

    @Test
    void plan_callerExemptOrTourniquetsOwnRole_reappliesAndContainsNobody() {
        ContainmentUndone undone = held(undone("cloudtrail-iam-update-access-key-active.json"), deactivated());
        ContainmentUndone.Caller own = new ContainmentUndone.Caller(
                "arn:aws:sts::123456789012:assumed-role/tourniquet-quarantine-function/s", "AssumedRole",
                Optional.of("ASIAEXAMPLE"), Optional.empty());

        assertThat(steps(playbook(Map.of()).plan(by(undone, own)))).containsExactly("deactivate-access-key");
        assertThat(steps(playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:user/ops-*"))
                .plan(undone))).containsExactly("deactivate-access-key");
    }

    @Test
    void plan_anotherPolicyDetached_recordsOnly() {
        ContainmentUndone undone = undone("cloudtrail-iam-detach-user-policy.json");
        HeldStep quarantined = new HeldStep("inc-a", "attach-quarantine-policy", "user/deploy-bot",
                Json.object().put("userName", "deploy-bot").put("policyArn", "arn:aws:iam::aws:policy/Other")
                        .put("via", "managed"));

        assertThat(playbook(Map.of()).plan(held(undone, quarantined)).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_quarantineDetached_attachesItAgain() {
        HeldStep quarantined = new HeldStep("inc-a", "attach-quarantine-policy", "user/deploy-bot",
                Json.object().put("userName", "deploy-bot").put("policyArn", QUARANTINE).put("via", "managed"));

        Plan plan = playbook(Map.of("QUARANTINE_POLICY_ARN", QUARANTINE))
                .plan(held(undone("cloudtrail-iam-detach-user-policy.json"), quarantined));

        assertThat(steps(plan)).containsExactly("attach-quarantine-policy", "emit-credential-compromised");
    }

    @Test
    void plan_sessionRevocationDeleted_revokesThatSessionAgainAndTheAuthorsSessionOnly() {
        HeldStep revoked = new HeldStep("inc-a", "revoke-role-sessions", "role/web-instance-role", Json.object()
                .put("roleName", "web-instance-role").put("policyName", "TourniquetRevokeSession-i-0a1b2c3d4e5f67890")
                .put("session", "i-0a1b2c3d4e5f67890").put("cutoff", "2026-11-20T03:15:00Z"));
        HeldStep otherSession = new HeldStep("inc-b", "revoke-role-sessions", "role/web-instance-role", Json.object()
                .put("roleName", "web-instance-role").put("policyName", "TourniquetRevokeSession-i-1"));

        Plan plan = playbook(Map.of()).plan(held(undone("cloudtrail-iam-delete-role-policy.json"), otherSession,
                revoked));

        assertThat(steps(plan)).containsExactly("revoke-role-sessions", "emit-credential-compromised");
        assertThat(plan.steps().get(1).target()).isEqualTo("ASIAJEXAMPLEXEG2JICEA");
        assertThat(plan.rationale()).contains("inc-a");
    }

    @Test
    void plan_sameStepHeldByTwoIncidents_reappliesItOnce() {
        HeldStep again = new HeldStep("inc-b", "deactivate-access-key", KEY, Json.object().put("userName", "deploy-bot"));

        Plan plan = playbook(Map.of()).plan(held(undone("cloudtrail-iam-update-access-key-active.json"), deactivated(),
                again));

        assertThat(steps(plan)).containsExactly("deactivate-access-key", "emit-credential-compromised");
    }
}
