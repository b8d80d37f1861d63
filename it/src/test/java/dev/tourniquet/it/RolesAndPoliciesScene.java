package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.step.iam.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.PolicyVersion;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * A stolen key's changes to roles and policies in the emulated account. The owner has the role {@value #OWN_ROLE}
 * (trusted by CodeBuild; its creation recorded, by the owner's own key), the user {@value #OWNER} with its key and
 * the managed policy {@value #POLICY_NAME} (v1, read-only). deploy-bot's key leaks; before it is caught the attacker
 * creates the role {@value #ATTACKER_ROLE} trusted by the outside account {@value #OUTSIDE}, adds that account to the
 * trust of {@value #OWN_ROLE}, attaches an allow-all policy to {@value #OWNER} and makes an allow-all version of
 * {@value #POLICY_NAME} its default. The calls are made on moto; their CloudTrail records (the samples, filled in
 * with moto's ids, signed by the leaked key) are delivered through the template's rules.
 */
final class RolesAndPoliciesScene {
    static final String ACCOUNT = "123456789012";
    static final String OUTSIDE = "444455556666";
    static final String LEAKED_USER = "deploy-bot";
    static final String OWNER = "alice";
    static final String OWN_ROLE = "ci-deployer";
    static final String ATTACKER_ROLE = "ops-support";
    static final String POLICY_NAME = "ci-deploy";
    /** An allow-all policy named as AWS's AdministratorAccess (the emulator has no AWS managed policies loaded). */
    static final String ADMIN = "arn:aws:iam::" + ACCOUNT + ":policy/AdministratorAccess";
    static final String OWN_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
    static final String WIDENED_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},\
            "Action":"sts:AssumeRole"},{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},\
            "Action":"sts:AssumeRole"}]}""";
    static final String OUTSIDE_TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},\
            "Action":"sts:AssumeRole"}]}""";
    private static final String READ_ONLY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}""";
    private static final String ALLOW_ALL = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";

    private final Emulator emulator;
    private final IamClient iam;
    final String leakedKey;
    final String ownersKey;
    final String policyArn;
    String attackersVersion;

    private RolesAndPoliciesScene(Emulator emulator) {
        this.emulator = emulator;
        this.iam = emulator.admin().iam();
        iam.createUser(r -> r.userName(LEAKED_USER));
        iam.createUser(r -> r.userName(OWNER));
        this.leakedKey = iam.createAccessKey(r -> r.userName(LEAKED_USER)).accessKey().accessKeyId();
        this.ownersKey = iam.createAccessKey(r -> r.userName(OWNER)).accessKey().accessKeyId();
        iam.createRole(r -> r.roleName(OWN_ROLE).assumeRolePolicyDocument(OWN_TRUST));
        this.policyArn = iam.createPolicy(r -> r.policyName(POLICY_NAME).policyDocument(READ_ONLY)).policy().arn();
        iam.attachUserPolicy(r -> r.userName(OWNER).policyArn(policyArn));
        iam.createPolicy(r -> r.policyName("AdministratorAccess").policyDocument(ALLOW_ALL));
    }

    static RolesAndPoliciesScene on(Emulator emulator) {
        return new RolesAndPoliciesScene(emulator);
    }

    Emulator emulator() {
        return emulator;
    }

    IamClient iam() {
        return iam;
    }

    /** The owner's creation of its role, long before: provenance knows the trust it was made with. */
    ObjectNode ownersRole() {
        ObjectNode event = Emulator.sample("cloudtrail-iam-create-role.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventTime", "2026-10-01T09:00:00Z").put("eventID", "own-create-role-ci-deployer");
        ((ObjectNode) detail.path("userIdentity")).put("accessKeyId", ownersKey)
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + OWNER).put("userName", OWNER);
        ((ObjectNode) detail.path("requestParameters")).put("roleName", OWN_ROLE).put("assumeRolePolicyDocument",
                OWN_TRUST);
        ((ObjectNode) detail.path("responseElements").path("role")).put("roleName", OWN_ROLE)
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":role/" + OWN_ROLE)
                .put("assumeRolePolicyDocument", java.net.URLEncoder.encode(OWN_TRUST,
                        java.nio.charset.StandardCharsets.UTF_8));
        return event;
    }

    /** The attacker's calls made on moto, and their CloudTrail records, in the order CloudTrail delivers them. */
    List<ObjectNode> persist() {
        List<ObjectNode> records = new ArrayList<>();
        iam.createRole(r -> r.roleName(ATTACKER_ROLE).assumeRolePolicyDocument(OUTSIDE_TRUST));
        records.add(signed(Emulator.sample("cloudtrail-iam-create-role.json")));
        iam.updateAssumeRolePolicy(r -> r.roleName(OWN_ROLE).policyDocument(WIDENED_TRUST));
        ObjectNode trust = signed(Emulator.sample("cloudtrail-iam-update-assume-role-policy.json"));
        ((ObjectNode) trust.path("detail").path("requestParameters")).put("policyDocument", WIDENED_TRUST);
        records.add(trust);
        iam.attachUserPolicy(r -> r.userName(OWNER).policyArn(ADMIN));
        ObjectNode attach = signed(Emulator.sample("cloudtrail-iam-attach-user-policy.json"));
        ((ObjectNode) attach.path("detail").path("requestParameters")).put("policyArn", ADMIN);
        records.add(attach);
        attackersVersion = iam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(ALLOW_ALL)
                .setAsDefault(true)).policyVersion().versionId();
        ObjectNode version = signed(Emulator.sample("cloudtrail-iam-create-policy-version.json"));
        ((ObjectNode) version.path("detail").path("requestParameters")).put("policyArn", policyArn);
        ((ObjectNode) version.path("detail").path("responseElements").path("policyVersion"))
                .put("versionId", attackersVersion);
        records.add(version);
        return records;
    }

    /** AWS Health reporting the leaked key exposed. */
    ObjectNode exposed() {
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", leakedKey);
        return event;
    }

    // The record as the leaked key's call: its key, its user, this account.
    private ObjectNode signed(ObjectNode event) {
        ((ObjectNode) event.path("detail").path("userIdentity")).put("accessKeyId", leakedKey)
                .put("arn", "arn:aws:iam::" + ACCOUNT + ":user/" + LEAKED_USER).put("userName", LEAKED_USER);
        return event;
    }

    JsonNode trust(String role) {
        return PolicyDocuments.parse(iam.getRole(r -> r.roleName(role)).role().assumeRolePolicyDocument()).orElseThrow();
    }

    List<String> attachedToRole(String role) {
        return iam.listAttachedRolePolicies(r -> r.roleName(role)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
    }

    List<String> rolePolicies(String role) {
        return iam.listRolePolicies(r -> r.roleName(role)).policyNames();
    }

    /** The default version's id, "(none)" if no version is (a state AWS never shows; a failed check, not a crash). */
    String defaultVersion() {
        return versions().stream().filter(PolicyVersion::isDefaultVersion).map(PolicyVersion::versionId).findFirst()
                .orElse("(none)");
    }

    List<PolicyVersion> versions() {
        return iam.listPolicyVersions(r -> r.policyArn(policyArn)).versions();
    }

    /** The attacker's role denied with its sessions revoked, the owner's role, user and policy as they were. */
    boolean contained() {
        return attachedToRole(ATTACKER_ROLE).contains(Quarantine.POLICY_ARN)
                && rolePolicies(ATTACKER_ROLE).contains("TourniquetRevokeOlderSessions")
                && trust(OWN_ROLE).equals(PolicyDocuments.parse(OWN_TRUST).orElseThrow())
                && !Quarantine.policies(iam, OWNER).contains(ADMIN)
                && "v1".equals(defaultVersion()) && ownersUntouched();
    }

    /** The owner's role, user, key and policy keep working: nothing of theirs denied, detached or deactivated. */
    boolean ownersUntouched() {
        return attachedToRole(OWN_ROLE).isEmpty() && rolePolicies(OWN_ROLE).isEmpty()
                && Quarantine.policies(iam, OWNER).contains(policyArn)
                && !Quarantine.policies(iam, OWNER).contains(Quarantine.POLICY_ARN)
                && iam.listAccessKeys(r -> r.userName(OWNER)).accessKeyMetadata().stream()
                        .allMatch(k -> k.status() == StatusType.ACTIVE);
    }
}
