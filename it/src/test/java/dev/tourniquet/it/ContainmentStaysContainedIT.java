package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Containment stays contained, on moto server through the rules of template.yaml: Tourniquet's containment of a
 * credential undone by another identity is re-applied at once and that identity contained; undone by
 * {@code ./tourniquet release}, it is not fought; undone by an AWS service, it is re-applied and nobody contained.
 */
class ContainmentStaysContainedIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private Emulator emulator;
    private IamClient iam;
    private String leaked;
    private String backdoor;

    /** deploy-bot's leaked key contained by Tourniquet; ops-backdoor, a second identity of the attacker, with a key. */
    private String containedKey(Emulator on) {
        emulator = on;
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        iam.createUser(r -> r.userName("ops-backdoor"));
        leaked = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        backdoor = iam.createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", leaked);
        List<ObjectNode> deliveries = deliver(exposed);
        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);
        emulator.account().takeAlerts();
        return deliveries.get(0).at("/response/incidents/0/incidentId").asText();
    }

    private List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    private StatusType status(String user, String key) {
        return iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).map(AccessKeyMetadata::status).findFirst().orElseThrow();
    }

    @Test
    void keyReactivatedByAnotherIdentity_isInactiveAgain_andThatIdentityContained() {
        String incidentId = containedKey(Emulator.freshWithoutExposureHold());
        iam.updateAccessKey(r -> r.userName("deploy-bot").accessKeyId(leaked).status(StatusType.ACTIVE));

        List<ObjectNode> deliveries = deliver(Undo.byUser(Undo.keyReactivated("deploy-bot", leaked), "ops-backdoor",
                backdoor));

        assertThat(status("deploy-bot", leaked)).as("re-applied").isEqualTo(StatusType.INACTIVE);
        JsonNode reapplied = deliveries.get(0).at("/response/incidents/0");
        assertThat(reapplied.path("steps").findValuesAsText("step"))
                .containsExactly("deactivate-access-key", "emit-credential-compromised");
        assertThat(reapplied.path("steps").get(0).path("result").asText()).isEqualTo("applied");
        assertThat(deliveries).anySatisfy(d -> {
            assertThat(d.path("detailType").asText()).isEqualTo("Credential Compromised");
            assertThat(d.path("function").asText()).isEqualTo(FUNCTION);
        });
        assertThat(status("ops-backdoor", backdoor)).as("the author contained").isEqualTo(StatusType.INACTIVE);
        assertThat(Quarantine.of(iam, "ops-backdoor")).isTrue();
        assertThat(String.join("\n", emulator.account().takeAlerts())).contains("UpdateAccessKey by "
                + "arn:aws:iam::123456789012:user/ops-backdoor", "undid Tourniquet's containment of " + leaked,
                "re-applied", incidentId);
    }

    @Test
    void quarantinePolicyDetachedByAnotherIdentity_isAttachedAgain() {
        containedKey(Emulator.freshWithoutExposureHold());
        iam.detachUserPolicy(r -> r.userName("deploy-bot").policyArn(Quarantine.POLICY_ARN));
        ObjectNode detached = Undo.byUser(Undo.of("cloudtrail-iam-detach-user-policy.json", "us-east-1"),
                "ops-backdoor", backdoor);
        Undo.request(detached).put("userName", "deploy-bot").put("policyArn", Quarantine.POLICY_ARN);

        deliver(detached);

        assertThat(Quarantine.policies(iam, "deploy-bot")).containsExactly(Quarantine.POLICY_ARN);
        assertThat(status("ops-backdoor", backdoor)).isEqualTo(StatusType.INACTIVE);
    }

    @Test
    void anotherPolicyDetachedFromTheContainedUser_isNothingToReapply_andNobodyContained() {
        containedKey(Emulator.freshWithoutExposureHold());
        ObjectNode detached = Undo.byUser(Undo.of("cloudtrail-iam-detach-user-policy.json", "us-east-1"),
                "ops-backdoor", backdoor);
        Undo.request(detached).put("userName", "deploy-bot").put("policyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");

        List<ObjectNode> deliveries = deliver(detached);

        assertThat(deliveries.get(0).at("/response/incidents/0/decision").asText()).isEqualTo("record_only");
        assertThat(status("ops-backdoor", backdoor)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void releaseByTourniquetRelease_isNotFought() {
        String incidentId = containedKey(Emulator.freshWithoutExposureHold());

        Releases.release(emulator, incidentId);
        List<ObjectNode> deliveries = deliver(Undo.byUser(Undo.keyReactivated("deploy-bot", leaked), "ops-backdoor",
                backdoor));

        assertThat(status("deploy-bot", leaked)).as("released, and left so").isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(iam, "deploy-bot")).isEmpty();
        assertThat(deliveries).singleElement().satisfies(d ->
                assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
        assertThat(status("ops-backdoor", backdoor)).isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void reappliedThenReleasedByTourniquetRelease_isLeftAsReleased() {
        String incidentId = containedKey(Emulator.freshWithoutExposureHold());
        iam.updateAccessKey(r -> r.userName("deploy-bot").accessKeyId(leaked).status(StatusType.ACTIVE));
        deliver(Undo.byUser(Undo.keyReactivated("deploy-bot", leaked), "ops-backdoor", backdoor));
        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);

        Releases.release(emulator, incidentId);
        List<ObjectNode> deliveries = deliver(Undo.byUser(Undo.keyReactivated("deploy-bot", leaked), "admin",
                "AKIAIOSFODNN7ADMIN01"));

        assertThat(status("deploy-bot", leaked)).as("released, and left so").isEqualTo(StatusType.ACTIVE);
        assertThat(deliveries).singleElement().satisfies(d ->
                assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
    }

    @Test
    void sessionRevocationDeletedByAnAssumedRoleSession_isPutBackWithItsCutOff_andOnlyThatSessionRevoked() {
        emulator = Emulator.freshWithoutExposureHold();
        iam = emulator.admin().iam();
        String trust = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}""";
        iam.createRole(r -> r.roleName("web-instance-role").assumeRolePolicyDocument(trust));
        iam.createRole(r -> r.roleName("admin-role").assumeRolePolicyDocument(trust));
        deliver(Emulator.sample("guardduty-accesskey-credential-exfiltration.json"));
        String policy = "TourniquetRevokeSession-i-0a1b2c3d4e5f67890";
        String revoked = iam.getRolePolicy(r -> r.roleName("web-instance-role").policyName(policy)).policyDocument();
        iam.deleteRolePolicy(r -> r.roleName("web-instance-role").policyName(policy));

        List<ObjectNode> deliveries = deliver(Undo.of("cloudtrail-iam-delete-role-policy.json", "us-east-1"));

        assertThat(deliveries.get(0).at("/response/incidents/0/steps/0/step").asText()).isEqualTo("revoke-role-sessions");
        String again = iam.getRolePolicy(r -> r.roleName("web-instance-role").policyName(policy)).policyDocument();
        assertThat(again).as("the same session, the same cut-off").isEqualTo(revoked);
        assertThat(iam.listRolePolicies(r -> r.roleName("admin-role")).policyNames())
                .as("the author's one session, not every session of its role")
                .containsExactly("TourniquetRevokeSession-mallory");
    }

    @Test
    void keyReactivatedByAnAwsService_isInactiveAgain_andNobodyContained() {
        containedKey(Emulator.freshWithoutExposureHold());
        iam.updateAccessKey(r -> r.userName("deploy-bot").accessKeyId(leaked).status(StatusType.ACTIVE));

        List<ObjectNode> deliveries = deliver(Undo.byAwsService(Undo.keyReactivated("deploy-bot", leaked),
                "cloudformation.amazonaws.com"));

        assertThat(status("deploy-bot", leaked)).isEqualTo(StatusType.INACTIVE);
        JsonNode reapplied = deliveries.get(0).at("/response/incidents/0");
        assertThat(reapplied.path("steps").findValuesAsText("step")).containsExactly("deactivate-access-key");
        assertThat(reapplied.path("rationale").asText()).contains("an AWS service acting for the owner");
        assertThat(deliveries).noneSatisfy(d ->
                assertThat(d.path("detailType").asText()).isEqualTo("Credential Compromised"));
    }

    @Test
    void keyNeverContained_activatedByItsOwner_isNothingToDo() {
        emulator = Emulator.freshWithoutExposureHold();
        iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();

        List<ObjectNode> deliveries = deliver(Undo.byUser(Undo.keyReactivated("deploy-bot", key), "deploy-bot", key));

        assertThat(deliveries).singleElement().satisfies(d ->
                assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do"));
        assertThat(status("deploy-bot", key)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.account().takeAlerts()).isEmpty();
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("dynamodb:Query", "iam:UpdateAccessKey", "iam:AttachUserPolicy");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
