package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.flow.StepCatalog;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.step.Evidence;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.iam.AttachRoleQuarantinePolicy;
import dev.tourniquet.step.iam.DetachAttachedPolicy;
import dev.tourniquet.step.iam.IamChangeHistory;
import dev.tourniquet.step.iam.IamPrincipalName;
import dev.tourniquet.step.iam.PolicyDocuments;
import dev.tourniquet.step.iam.RemoveInlinePolicy;
import dev.tourniquet.step.iam.RemoveUserFromGroup;
import dev.tourniquet.step.iam.RestoreDefaultPolicyVersion;
import dev.tourniquet.step.iam.RestoreRoleTrust;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * Each step that takes back what a stolen key changed in IAM, on moto server: applied, verified by reading IAM back,
 * applied again (nothing changes twice), and released through its kind's reversal as {@code ./tourniquet release}
 * runs it.
 */
class IamPersistenceStepsIT {
    private static final String ACCOUNT = "123456789012";
    private static final String OWN_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final String ATTACKER_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},\
            "Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
    private static final String READ_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static final String ATTACKER_KEY = "AKIAIOSFODNN7EXAMPLE";

    private Emulator emulator;
    private IamClient iam;

    @BeforeEach
    void freshAccount() {
        emulator = Emulator.fresh();
        iam = emulator.admin().iam();
    }

    private static StepContext context(Mode mode) {
        return new StepContext("incident-1", mode, Instant.now(), new Evidence() {
            public Stored put(String name, byte[] content, String contentType) {
                throw new UnsupportedOperationException("no evidence in these steps");
            }

            public Stored putJson(String name, Object json) {
                throw new UnsupportedOperationException("no evidence in these steps");
            }
        });
    }

    // Runs the step: plan changes nothing, enforce applies, a second run finds it applied; the prior state it recorded.
    private JsonNode apply(Step step) {
        assertThat(step.run(context(Mode.PLAN))).isInstanceOf(StepResult.Planned.class);
        StepResult applied = step.run(context(Mode.ENFORCE));
        assertThat(applied).as(applied.detail()).isInstanceOf(StepResult.Applied.class);
        assertThat(step.run(context(Mode.ENFORCE))).isInstanceOf(StepResult.AlreadyApplied.class);
        return ((StepResult.Applied) applied).prior();
    }

    private void release(Step step, JsonNode prior) {
        StepCatalog.known().reversal(step.id()).orElseThrow().release(prior, step.target(), emulator.admin());
    }

    private static Provenance record(String eventName, String resourceId, Instant time, String key,
                                     Map<String, String> details) {
        return new Provenance("e-" + eventName + time.toEpochMilli(), eventName, time, "us-east-1", ACCOUNT, "iam",
                resourceId, Optional.of(key), "arn:aws:iam::" + ACCOUNT + ":user/deploy-bot", "IAMUser", details);
    }

    // Provenance as the store would answer it: every record of one resource, newest first.
    private static ProvenanceHistory history(List<Provenance> records) {
        return new ProvenanceHistory() {
            public Optional<Provenance> latest(String resourceId) {
                return history(resourceId).stream().findFirst();
            }

            public List<Provenance> history(String resourceId) {
                return records.stream().filter(p -> p.resourceId().equals(resourceId))
                        .sorted(java.util.Comparator.comparing(Provenance::time).reversed()).toList();
            }
        };
    }

    private static IamChangeHistory changes(List<Provenance> records) {
        return new IamChangeHistory(history(records), p -> p.accessKeyId().filter(ATTACKER_KEY::equals).isPresent());
    }

    private JsonNode trust(String role) {
        return PolicyDocuments.parse(iam.getRole(r -> r.roleName(role)).role().assumeRolePolicyDocument()).orElseThrow();
    }

    @Test
    void attachRoleQuarantinePolicy_deniesTheRole_andReleaseDetachesIt() {
        iam.createRole(r -> r.roleName("ops-support").assumeRolePolicyDocument(ATTACKER_TRUST));
        Step step = new AttachRoleQuarantinePolicy(iam, "ops-support", Quarantine.POLICY_ARN);

        JsonNode prior = apply(step);
        assertThat(attachedToRole("ops-support")).containsExactly(Quarantine.POLICY_ARN);
        release(step, prior);

        assertThat(attachedToRole("ops-support")).isEmpty();
    }

    @Test
    void restoreRoleTrust_withTheOwnersEarlierDocumentRecorded_putsItBack_andReleaseTrustsTheAttackerAgain() {
        iam.createRole(r -> r.roleName("ci-deployer").assumeRolePolicyDocument(ATTACKER_TRUST));
        Instant attack = Instant.now();
        List<Provenance> records = List.of(
                new Provenance("e-own", "UpdateAssumeRolePolicy", attack.minusSeconds(86_400), "us-east-1", ACCOUNT,
                        "iam", "trust:role/ci-deployer", Optional.of("AKIAOWNERKEY00000000"),
                        "arn:aws:iam::" + ACCOUNT + ":user/alice", "IAMUser",
                        Map.of("roleName", "ci-deployer", "policyDocument", OWN_TRUST)),
                record("UpdateAssumeRolePolicy", "trust:role/ci-deployer", attack, ATTACKER_KEY,
                        Map.of("roleName", "ci-deployer", "policyDocument", ATTACKER_TRUST)));
        Step step = new RestoreRoleTrust(iam, "ci-deployer", attack, ATTACKER_TRUST, changes(records));

        JsonNode prior = apply(step);
        assertThat(trust("ci-deployer")).isEqualTo(PolicyDocuments.parse(OWN_TRUST).orElseThrow());
        release(step, prior);

        assertThat(trust("ci-deployer")).isEqualTo(PolicyDocuments.parse(ATTACKER_TRUST).orElseThrow());
    }

    @Test
    void restoreRoleTrust_withNothingRecorded_takesOutOnlyTheOutsideAccount() {
        iam.createRole(r -> r.roleName("ci-deployer").assumeRolePolicyDocument(ATTACKER_TRUST));
        Instant attack = Instant.now();
        Step step = new RestoreRoleTrust(iam, "ci-deployer", attack, ATTACKER_TRUST, changes(List.of()));

        apply(step);

        assertThat(trust("ci-deployer").path("Statement")).hasSize(1);
        assertThat(trust("ci-deployer").at("/Statement/0/Principal/Service").asText()).isEqualTo("codebuild.amazonaws.com");
    }

    @Test
    void detachAttachedPolicy_fromUserAndRole_leavesTheirOtherPolicies_andReleaseAttachesAgain() {
        iam.createUser(r -> r.userName("alice"));
        iam.createRole(r -> r.roleName("ci-deployer").assumeRolePolicyDocument(OWN_TRUST));
        String own = iam.createPolicy(r -> r.policyName("ci-deploy").policyDocument(READ_ONLY)).policy().arn();
        String admin = iam.createPolicy(r -> r.policyName("admin-ish").policyDocument(ALLOW_ALL)).policy().arn();
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(own));
        iam.attachUserPolicy(r -> r.userName("alice").policyArn(admin));
        iam.attachRolePolicy(r -> r.roleName("ci-deployer").policyArn(admin));
        Step user = new DetachAttachedPolicy(iam, new IamPrincipalName(false, "alice"), admin);
        Step role = new DetachAttachedPolicy(iam, new IamPrincipalName(true, "ci-deployer"), admin);

        JsonNode userPrior = apply(user);
        JsonNode rolePrior = apply(role);
        assertThat(attachedToUser("alice")).containsExactly(own);
        assertThat(attachedToRole("ci-deployer")).isEmpty();
        release(user, userPrior);
        release(role, rolePrior);

        assertThat(attachedToUser("alice")).containsExactlyInAnyOrder(own, admin);
        assertThat(attachedToRole("ci-deployer")).containsExactly(admin);
    }

    @Test
    void removeInlinePolicy_keepsItsDocument_andReleasePutsItBack() {
        iam.createUser(r -> r.userName("alice"));
        iam.createRole(r -> r.roleName("ci-deployer").assumeRolePolicyDocument(OWN_TRUST));
        iam.putUserPolicy(r -> r.userName("alice").policyName("maintenance").policyDocument(ALLOW_ALL));
        iam.putRolePolicy(r -> r.roleName("ci-deployer").policyName("maintenance").policyDocument(ALLOW_ALL));
        iam.putRolePolicy(r -> r.roleName("ci-deployer").policyName("owners").policyDocument(READ_ONLY));
        Step user = new RemoveInlinePolicy(iam, new IamPrincipalName(false, "alice"), "maintenance",
                Optional.of(ALLOW_ALL));
        Step role = new RemoveInlinePolicy(iam, new IamPrincipalName(true, "ci-deployer"), "maintenance",
                Optional.of(ALLOW_ALL));

        JsonNode userPrior = apply(user);
        JsonNode rolePrior = apply(role);
        assertThat(iam.listUserPolicies(r -> r.userName("alice")).policyNames()).isEmpty();
        assertThat(iam.listRolePolicies(r -> r.roleName("ci-deployer")).policyNames()).containsExactly("owners");
        release(user, userPrior);
        release(role, rolePrior);

        assertThat(PolicyDocuments.same(iam.getUserPolicy(r -> r.userName("alice").policyName("maintenance"))
                .policyDocument(), ALLOW_ALL)).isTrue();
        assertThat(iam.listRolePolicies(r -> r.roleName("ci-deployer")).policyNames())
                .containsExactlyInAnyOrder("owners", "maintenance");
    }

    @Test
    void removeInlinePolicy_changedSinceByTheOwner_isLeft() {
        iam.createUser(r -> r.userName("alice"));
        iam.putUserPolicy(r -> r.userName("alice").policyName("maintenance").policyDocument(READ_ONLY));
        Step step = new RemoveInlinePolicy(iam, new IamPrincipalName(false, "alice"), "maintenance",
                Optional.of(ALLOW_ALL));

        assertThat(step.run(context(Mode.ENFORCE))).isInstanceOf(StepResult.Skipped.class);
        assertThat(iam.listUserPolicies(r -> r.userName("alice")).policyNames()).containsExactly("maintenance");
    }

    @Test
    void removeUserFromGroup_leavesItsOtherGroups_andReleaseAddsItBack() {
        iam.createUser(r -> r.userName("alice"));
        iam.createGroup(r -> r.groupName("admins"));
        iam.createGroup(r -> r.groupName("developers"));
        iam.addUserToGroup(r -> r.userName("alice").groupName("developers"));
        iam.addUserToGroup(r -> r.userName("alice").groupName("admins"));
        Step step = new RemoveUserFromGroup(iam, "alice", "admins");

        JsonNode prior = apply(step);
        assertThat(groups("alice")).containsExactly("developers");
        release(step, prior);

        assertThat(groups("alice")).containsExactlyInAnyOrder("developers", "admins");
    }

    @Test
    void restoreDefaultPolicyVersion_makesThePreviousDefaultAgain_keepsTheAttackersVersion_andReleaseUndoesIt() {
        String arn = iam.createPolicy(r -> r.policyName("ci-deploy").policyDocument(READ_ONLY)).policy().arn();
        String attackers = iam.createPolicyVersion(r -> r.policyArn(arn).policyDocument(ALLOW_ALL).setAsDefault(true))
                .policyVersion().versionId();
        Instant attack = Instant.now();
        List<Provenance> records = List.of(record("CreatePolicyVersion", "policy-version:" + arn + "#" + attackers,
                attack, ATTACKER_KEY, Map.of("policyArn", arn, "versionId", attackers, "setAsDefault", "true")));
        Step step = new RestoreDefaultPolicyVersion(iam, arn, attackers, attack, changes(records));

        JsonNode prior = apply(step);
        assertThat(defaultVersion(arn)).isEqualTo("v1");
        assertThat(versions(arn)).containsExactlyInAnyOrder("v1", attackers);
        release(step, prior);

        assertThat(defaultVersion(arn)).isEqualTo(attackers);
    }

    private List<String> attachedToRole(String role) {
        return iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
    }

    private List<String> attachedToUser(String user) {
        return iam.listAttachedUserPolicies(r -> r.userName(user)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
    }

    private List<String> groups(String user) {
        return iam.listGroupsForUser(r -> r.userName(user)).groups().stream().map(Group::groupName).toList();
    }

    private String defaultVersion(String arn) {
        return iam.listPolicyVersions(r -> r.policyArn(arn)).versions().stream().filter(PolicyVersion::isDefaultVersion)
                .map(PolicyVersion::versionId).findFirst().orElseThrow();
    }

    private List<String> versions(String arn) {
        return iam.listPolicyVersions(r -> r.policyArn(arn)).versions().stream().map(PolicyVersion::versionId).toList();
    }
}
