package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an identity held by the exposure hold gets: the one reversible stopping change, nothing more. */
class HeldIdentityStopsTest {
    private static final String POLICY = "arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine";
    private static final Instant WINDOW = Instant.parse("2026-11-20T02:10:05Z");

    private static PersistencePlaybook playbook(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("QUARANTINE_POLICY_ARN", POLICY);
        return new PersistencePlaybook(new AwsClients(Configuration.from(all)));
    }

    private static IamPersistence held(String resourceId, String event, Map<String, String> details) {
        Origin origin = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.of("inc-c#exposure"),
                Optional.of(ChainEvents.EXPOSURE_HOLD), 0, "", "123456789012", "us-east-1",
                Instant.parse("2026-11-20T03:16:05Z"), false);
        Provenance creation = new Provenance("exposure-hold:" + resourceId, event, Instant.parse("2026-11-20T03:11:00Z"),
                "us-east-1", "123456789012", TagWrites.IDENTITY, resourceId, Optional.empty(), "", "", details);
        return new IamPersistence(origin, "inc-c", "AKIAIOSFODNN7EXAMPLE", creation, Set.of(), WINDOW,
                Implication.EXPOSED, Optional.of("arn:aws:iam::123456789012:user/deploy-bot"));
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(s -> s.id() + " " + s.target()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            user/svc-backup | CreateUser | userName | svc-backup | attach-quarantine-policy user/svc-backup
            role/OrganizationAccountSupportRole | CreateRole | roleName | OrganizationAccountSupportRole | attach-role-quarantine-policy role/OrganizationAccountSupportRole;revoke-role-sessions role/OrganizationAccountSupportRole
            key/AKIAMINTEDONOWNER01 | CreateAccessKey | userName | release-bot | deactivate-access-key AKIAMINTEDONOWNER01
            """)
    void plan_heldIdentity_makesOnlyTheStoppingChange(String id, String event, String detail, String value,
                                                      String expected) {
        Plan plan = playbook(Map.of()).plan(held(id, event, Map.of(detail, value)));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(steps(plan)).containsExactly(expected.split(";"));
        // Not part of the incident yet: no chain event, no console deny, no other key touched.
        assertThat(steps(plan)).noneMatch(s -> s.startsWith("emit-") || s.startsWith("deny-console")
                || s.startsWith("deactivate-user-access-keys"));
        assertThat(plan.rationale()).contains("no CloudTrail record names its creator yet");
    }

    @Test
    void plan_heldUserExempt_recordsOnly() {
        Plan plan = playbook(Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:user/break-glass-*"))
                .plan(held("user/break-glass-1", "CreateUser", Map.of("userName", "break-glass-1")));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void plan_sameCreationNotHeld_isContainedInFull() {
        IamPersistence held = held("user/svc-backup", "CreateUser", Map.of("userName", "svc-backup"));
        Origin contained = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.of("inc-c#x"),
                Optional.of(ChainEvents.CREDENTIAL_CONTAINED), 0, "", "123456789012", "us-east-1",
                Instant.parse("2026-11-20T03:16:05Z"), false);
        IamPersistence full = new IamPersistence(contained, "inc-c", held.credential(), held.record(),
                Set.of("user/svc-backup"), WINDOW, Implication.EXPOSED, held.principalArn());

        assertThat(steps(playbook(Map.of()).plan(full))).contains("attach-quarantine-policy user/svc-backup",
                "deactivate-user-access-keys user/svc-backup", "emit-credential-contained user/svc-backup");
    }
}
