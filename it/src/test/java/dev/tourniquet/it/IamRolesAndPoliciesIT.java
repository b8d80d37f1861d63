package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.step.iam.PolicyDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/**
 * What a stolen key changed in roles and policies, undone end to end on moto server through the template's rules
 * ({@link RolesAndPoliciesScene}): the records reach record-provenance, the key's containment reaches contain-credential's
 * persistence sweep; the attacker's role is denied and its sessions revoked, the owner's role trusts only what it
 * trusted, the owner's user loses only what was attached to it, the owner's policy has its default back; and
 * {@code ./tourniquet release} puts each back.
 */
class IamRolesAndPoliciesIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private static List<ObjectNode> deliver(Emulator emulator, List<ObjectNode> events) {
        return emulator.deliverAll(events, FUNCTION, PERFORMED);
    }

    private static RolesAndPoliciesScene persisted(Mode mode) {
        RolesAndPoliciesScene scene = RolesAndPoliciesScene.on(Emulator.freshWithoutExposureHold(mode, List.of()));
        deliver(scene.emulator(), List.of(scene.ownersRole()));
        deliver(scene.emulator(), scene.persist());
        return scene;
    }

    @Test
    void leakedKey_attackersRoleDenied_ownersRoleUserAndPolicyBackAsTheyWere() {
        RolesAndPoliciesScene scene = persisted(Mode.ENFORCE);

        List<ObjectNode> deliveries = deliver(scene.emulator(), List.of(scene.exposed()));

        assertThat(scene.attachedToRole(RolesAndPoliciesScene.ATTACKER_ROLE)).containsExactly(Quarantine.POLICY_ARN);
        assertThat(scene.rolePolicies(RolesAndPoliciesScene.ATTACKER_ROLE)).contains("TourniquetRevokeOlderSessions");
        assertThat(scene.trust(RolesAndPoliciesScene.OWN_ROLE))
                .isEqualTo(PolicyDocuments.parse(RolesAndPoliciesScene.OWN_TRUST).orElseThrow());
        assertThat(Quarantine.policies(scene.iam(), RolesAndPoliciesScene.OWNER)).containsExactly(scene.policyArn);
        assertThat(scene.defaultVersion()).isEqualTo("v1");
        assertThat(scene.versions()).extracting(PolicyVersion::versionId)
                .as("the attacker's version is kept as evidence").contains(scene.attackersVersion);
        assertThat(scene.ownersUntouched()).isTrue();
        assertThat(scene.contained()).isTrue();
        assertThat(IamPersistenceScene.incidents(deliveries)).allSatisfy(i ->
                assertThat(i.path("status").asText()).isNotEqualTo("FAILED"));
        // The attacker's role is part of the incident: announced contained, so what its sessions did is swept too.
        List<String> announced = new ArrayList<>();
        IamPersistenceScene.incidents(deliveries).forEach(i -> i.path("steps").forEach(step -> {
            if ("emit-credential-contained".equals(step.path("step").asText())) {
                announced.add(step.path("target").asText());
            }
        }));
        assertThat(announced).contains("role/" + RolesAndPoliciesScene.ATTACKER_ROLE);
    }

    @Test
    void planMode_changesNothing() {
        RolesAndPoliciesScene scene = persisted(Mode.PLAN);

        deliver(scene.emulator(), List.of(scene.exposed()));

        assertThat(scene.attachedToRole(RolesAndPoliciesScene.ATTACKER_ROLE)).isEmpty();
        assertThat(scene.trust(RolesAndPoliciesScene.OWN_ROLE))
                .isEqualTo(PolicyDocuments.parse(RolesAndPoliciesScene.WIDENED_TRUST).orElseThrow());
        assertThat(Quarantine.policies(scene.iam(), RolesAndPoliciesScene.OWNER))
                .contains(RolesAndPoliciesScene.ADMIN);
        assertThat(scene.defaultVersion()).isEqualTo(scene.attackersVersion);
    }

    @Test
    void release_putsBackWhatEachStepChanged() {
        RolesAndPoliciesScene scene = persisted(Mode.ENFORCE);
        List<ObjectNode> deliveries = deliver(scene.emulator(), List.of(scene.exposed()));

        for (JsonNode incident : IamPersistenceScene.incidents(deliveries.stream()
                .filter(d -> "CredentialContainedIamRule".equals(d.path("rule").asText())).toList())) {
            Releases.release(scene.emulator(), incident.path("incidentId").asText());
        }

        assertThat(scene.attachedToRole(RolesAndPoliciesScene.ATTACKER_ROLE)).isEmpty();
        assertThat(scene.rolePolicies(RolesAndPoliciesScene.ATTACKER_ROLE)).isEmpty();
        assertThat(scene.trust(RolesAndPoliciesScene.OWN_ROLE))
                .isEqualTo(PolicyDocuments.parse(RolesAndPoliciesScene.WIDENED_TRUST).orElseThrow());
        assertThat(Quarantine.policies(scene.iam(), RolesAndPoliciesScene.OWNER))
                .containsExactlyInAnyOrder(scene.policyArn, RolesAndPoliciesScene.ADMIN);
        assertThat(scene.defaultVersion()).isEqualTo(scene.attackersVersion);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("iam:AttachRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:DetachUserPolicy",
                "iam:SetDefaultPolicyVersion");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
