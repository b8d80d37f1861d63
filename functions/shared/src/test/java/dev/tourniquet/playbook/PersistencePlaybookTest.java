package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the credential function undoes of what a contained key made in IAM: decided without AWS. */
class PersistencePlaybookTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String LEAKED_USER = "arn:aws:iam::123456789012:user/deploy-bot";
    private static final Instant WINDOW = Instant.parse("2026-11-20T02:10:00Z");
    /** The attacker's user, created by the leaked key inside the window. */
    private static final Set<String> CREATED = Set.of("user/svc-backup");

    private static PersistencePlaybook playbook(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("QUARANTINE_POLICY_ARN", "arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine");
        return new PersistencePlaybook(new AwsClients(Configuration.from(all)));
    }

    private static Provenance record(String sample) {
        return ((ParseResult.Observed) new SignalParser().parse(Samples.load(sample))).records().get(0);
    }

    private static IamPersistence made(Provenance record, Set<String> created, Instant window) {
        Origin chain = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.of("inc-c/Credential Contained"),
                Optional.of("Credential Contained"), 0, "", "123456789012", "us-east-1",
                Instant.parse("2026-11-20T03:16:05Z"), false);
        SweepRequest request = new SweepRequest(chain, "inc-c", KEY, Optional.of(LEAKED_USER), window,
                Implication.EXPOSED, Optional.empty());
        return new IamPersistence(IamPersistence.originOf(request, record), "inc-c", KEY, record, created, window,
                Implication.EXPOSED, Optional.of(LEAKED_USER));
    }

    private static Plan plan(String sample, Set<String> created, Map<String, String> env) {
        return playbook(env).plan(made(record(sample), created, WINDOW));
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(s -> s.id() + " " + s.target()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cloudtrail-iam-create-user.json | deactivate-user-access-keys user/svc-backup;attach-quarantine-policy user/svc-backup;deny-console-sign-in user/svc-backup;emit-credential-contained user/svc-backup
            cloudtrail-iam-create-login-profile.json | deny-console-sign-in user/svc-backup
            cloudtrail-iam-update-login-profile.json | deny-console-sign-in user/release-bot
            cloudtrail-iam-create-service-specific-credential.json | deactivate-service-credential ACCAQWERTYUIOPEXAMPLE
            cloudtrail-iam-create-virtual-mfa-device.json |
            cloudtrail-iam-enable-mfa-device.json |
            cloudtrail-sts-assume-role.json | revoke-role-sessions role/data-pipeline
            cloudtrail-sts-get-federation-token.json |
            """)
    void plan_eachSample_undoesExactlyWhatTheRecordNames(String sample, String expected) {
        Plan plan = plan(sample, CREATED, Map.of());

        List<String> want = expected == null ? List.of() : List.of(expected.split(";"));
        assertThat(steps(plan)).isEqualTo(want);
        assertThat(plan.decision()).isEqualTo(want.isEmpty() ? Plan.Decision.ALERT_ONLY : Plan.Decision.ACT);
    }

    @Test
    void plan_keyMintedOnTheOwnersUser_deactivatesOnlyThatKey_andSweepsItWithoutTheUser() {
        Plan plan = plan("cloudtrail-iam-create-access-key.json", CREATED, Map.of());

        assertThat(steps(plan)).containsExactly("deactivate-access-key AKIAI44QH8DHBEXAMPLE",
                "emit-credential-contained AKIAI44QH8DHBEXAMPLE");
        assertThat(plan.steps()).noneMatch(s -> s.id().equals("attach-quarantine-policy")
                || s.id().equals("deactivate-user-access-keys"));
    }

    @Test
    void plan_createdUser_irreversibleAllowed_deletesThePasswordToo() {
        Plan plan = plan("cloudtrail-iam-create-user.json", CREATED, Map.of("ALLOW_IRREVERSIBLE_ACTIONS", "true"));

        assertThat(plan.steps()).extracting(Step::id).contains("deny-console-sign-in", "delete-login-profile");
        assertThat(plan.rationale()).contains("console password is deleted");
    }

    @Test
    void plan_createdUser_irreversibleNotAllowed_saysWhatWasLeft() {
        Plan plan = plan("cloudtrail-iam-create-user.json", CREATED, Map.of());

        assertThat(plan.steps()).extracting(Step::id).doesNotContain("delete-login-profile");
        assertThat(plan.rationale()).contains("console password was left",
                "aws iam delete-login-profile --user-name svc-backup");
    }

    @Test
    void plan_passwordOfTheOwnersUser_neverDeleted_evenWhenIrreversibleAllowed() {
        Plan plan = plan("cloudtrail-iam-update-login-profile.json", CREATED, Map.of("ALLOW_IRREVERSIBLE_ACTIONS", "true"));

        assertThat(steps(plan)).containsExactly("deny-console-sign-in user/release-bot");
        assertThat(plan.rationale()).contains("owner's", "keys keep working");
    }

    @Test
    void plan_federationTokenOfAUserNotDenied_revokesThatOneSession() {
        Provenance record = record("cloudtrail-sts-get-federation-token.json");
        IamPersistence minted = new IamPersistence(made(record, CREATED, WINDOW).origin(), "inc-c",
                "AKIAI44QH8DHBEXAMPLE", record, Set.of(), WINDOW, Implication.INCIDENT_IDENTITY, Optional.empty());

        Plan plan = playbook(Map.of()).plan(minted);

        assertThat(steps(plan)).containsExactly("revoke-federated-session user/deploy-bot#ops-console");
    }

    @Test
    void plan_federationTokenOfTheQuarantinedUser_isCoveredByItsDeny() {
        Plan plan = plan("cloudtrail-sts-get-federation-token.json", CREATED, Map.of());

        assertThat(plan.rationale()).contains("deny on user deploy-bot denies it too");
    }

    @Test
    void plan_recordBeforeTheWindow_isListedNeverTouched() {
        Plan plan = playbook(Map.of()).plan(made(record("cloudtrail-iam-create-user.json"), CREATED,
                Instant.parse("2026-11-20T03:15:00Z")));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("before the exposure window", "never touched");
    }

    @Test
    void plan_exemptTargetUser_recordsOnly() {
        Plan plan = plan("cloudtrail-iam-update-login-profile.json", CREATED,
                Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:user/release-*"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void incidentIds_perRecordPerContainment() {
        Provenance user = record("cloudtrail-iam-create-user.json");
        Provenance login = record("cloudtrail-iam-create-login-profile.json");

        assertThat(dev.tourniquet.records.IncidentIds.of(made(user, CREATED, WINDOW)))
                .isEqualTo(dev.tourniquet.records.IncidentIds.of(made(user, CREATED, WINDOW)))
                .isNotEqualTo(dev.tourniquet.records.IncidentIds.of(made(login, CREATED, WINDOW)));
    }
}
