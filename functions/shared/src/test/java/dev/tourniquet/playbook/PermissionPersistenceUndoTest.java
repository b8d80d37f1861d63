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
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the credential function takes back of the roles, trusts and permissions a contained key changed. */
class PermissionPersistenceUndoTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String LEAKED_USER = "arn:aws:iam::123456789012:user/deploy-bot";
    private static final String QUARANTINE = "arn:aws:iam::123456789012:policy/tourniquet/tourniquet-quarantine";
    private static final String ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
    private static final String CI_DEPLOY = "arn:aws:iam::123456789012:policy/ci-deploy";
    private static final Instant WINDOW = Instant.parse("2026-11-20T02:10:00Z");

    private static Plan plan(ObjectNode sample, Set<String> created, Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("QUARANTINE_POLICY_ARN", QUARANTINE);
        Provenance record = ((ParseResult.Observed) new SignalParser().parse(sample)).records().get(0);
        Origin chain = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.of("inc-c/Credential Contained"),
                Optional.of("Credential Contained"), 0, "", "123456789012", "us-east-1",
                Instant.parse("2026-11-20T03:19:05Z"), false);
        SweepRequest request = new SweepRequest(chain, "inc-c", KEY, Optional.of(LEAKED_USER), WINDOW,
                Implication.EXPOSED, Optional.empty());
        return new PersistencePlaybook(new AwsClients(Configuration.from(all))).plan(new IamPersistence(
                IamPersistence.originOf(request, record), "inc-c", KEY, record, created, WINDOW, Implication.EXPOSED,
                Optional.of(LEAKED_USER)));
    }

    private static Plan plan(String sample, Set<String> created) {
        return plan(Samples.load(sample), created, Map.of());
    }

    private static List<String> steps(Plan plan) {
        return plan.steps().stream().map(s -> s.id() + " " + s.target()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cloudtrail-iam-create-role.json | attach-role-quarantine-policy role/ops-support;revoke-role-sessions role/ops-support;emit-credential-contained role/ops-support
            cloudtrail-iam-update-assume-role-policy.json | restore-role-trust role/ci-deployer
            cloudtrail-iam-attach-user-policy.json | detach-attached-policy user/alice#arn:aws:iam::aws:policy/AdministratorAccess
            cloudtrail-iam-attach-role-policy.json | detach-attached-policy role/ci-deployer#arn:aws:iam::aws:policy/AdministratorAccess
            cloudtrail-iam-put-user-policy.json | remove-inline-policy user/alice#maintenance
            cloudtrail-iam-put-role-policy.json | remove-inline-policy role/ci-deployer#maintenance
            cloudtrail-iam-add-user-to-group.json | remove-user-from-group user/alice#admins
            cloudtrail-iam-create-policy-version.json | restore-default-policy-version arn:aws:iam::123456789012:policy/ci-deploy#v3
            cloudtrail-iam-set-default-policy-version.json | restore-default-policy-version arn:aws:iam::123456789012:policy/ci-deploy#v1
            cloudtrail-iam-create-open-id-connect-provider.json |
            cloudtrail-iam-create-saml-provider.json |
            """)
    void plan_eachSampleOnTheOwnersPrincipals_takesBackExactlyWhatTheRecordNames(String sample, String expected) {
        Plan plan = plan(sample, Set.of("role/ops-support"));

        List<String> want = expected == null ? List.of() : List.of(expected.split(";"));
        assertThat(steps(plan)).isEqualTo(want);
        assertThat(plan.decision()).isEqualTo(want.isEmpty() ? Plan.Decision.ALERT_ONLY : Plan.Decision.ACT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"cloudtrail-iam-attach-user-policy.json", "cloudtrail-iam-put-user-policy.json",
            "cloudtrail-iam-add-user-to-group.json"})
    void plan_changeOnAUserTheIncidentCreated_needsNothingMore_andSaysSo(String sample) {
        Plan plan = plan(sample, Set.of("user/alice"));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.rationale()).contains("user/alice is the incident's own and already denied whole");
    }

    @Test
    void plan_trustOfARoleTheIncidentCreated_needsNothingMore() {
        Plan plan = plan("cloudtrail-iam-update-assume-role-policy.json", Set.of("role/ci-deployer"));

        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("role/ci-deployer is the incident's own");
    }

    @Test
    void plan_policyVersionNotMadeDefault_changesNothingAnyoneIsAllowed() {
        ObjectNode sample = Samples.load("cloudtrail-iam-create-policy-version.json");
        sample.with("detail").with("requestParameters").put("setAsDefault", false);
        sample.with("detail").with("responseElements").with("policyVersion").put("isDefaultVersion", false);

        assertThat(plan(sample, Set.of(), Map.of()).steps()).isEmpty();
    }

    @Test
    void plan_identityProvider_isAlertedWithHowToDeleteIt() {
        Plan plan = plan("cloudtrail-iam-create-open-id-connect-provider.json", Set.of());

        assertThat(plan.rationale()).contains("arn:aws:iam::123456789012:oidc-provider/oidc.attacker.example",
                "aws iam delete-open-id-connect-provider");
    }

    @Test
    void plan_changeOnAnExemptOrOwnRole_isNeverActedOn() {
        Plan exempt = plan(Samples.load("cloudtrail-iam-attach-role-policy.json"), Set.of(),
                Map.of("EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:role/ci-deployer"));
        ObjectNode own = Samples.load("cloudtrail-iam-update-assume-role-policy.json");
        own.with("detail").with("requestParameters").put("roleName", "tourniquet-quarantine-function");
        Plan ownPlan = plan(own, Set.of(), dev.tourniquet.Samples.withOwnStack(Map.of()));

        assertThat(exempt.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(exempt.steps()).isEmpty();
        assertThat(ownPlan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(ownPlan.rationale()).contains("Tourniquet's own roles");
    }
}
