package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.records.IdentityHolds;
import dev.tourniquet.records.IncidentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * The exposure hold of identities end to end on moto server, through the template's rules: AWS Health reports a
 * leaked key before any CloudTrail record of what was created with it has arrived; the credential function's sweep
 * holds at once what IAM reports created inside the window (the attacker's user and role, a key minted on the owner's
 * user, the owner's new user), leaves what came before and Tourniquet's own roles alone; the records that arrive
 * later release the owner's user and contain the attacker's in full; ./tourniquet release undoes a hold.
 */
class IdentityHoldIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private static List<ObjectNode> deliver(IdentityHoldScene scene, ObjectNode event) {
        return scene.emulator().deliverAll(List.of(event), FUNCTION, PERFORMED);
    }

    private static IdentityHoldScene exposed(boolean hold) {
        IdentityHoldScene scene = IdentityHoldScene.on(hold);
        scene.insideTheWindow();
        deliver(scene, scene.exposed());
        return scene;
    }

    private static IdentityHolds holds(IdentityHoldScene scene) {
        return new IdentityHolds(scene.emulator().admin().dynamoDb(), scene.emulator().configuration().tableName());
    }

    @Test
    void exposedKey_identitiesCreatedInTheWindow_heldAtOnce_restLeftAlone() {
        IdentityHoldScene scene = exposed(true);

        assertThat(scene.userDenied(IdentityHoldScene.ATTACKER)).isTrue();
        assertThat(scene.roleDenied(IdentityHoldScene.ROLE)).isTrue();
        assertThat(scene.sessionsRevoked(IdentityHoldScene.ROLE)).isTrue();
        assertThat(scene.userDenied(IdentityHoldScene.NEW_HIRE)).isTrue();
        // A key minted on the owner's user: that key only; the user and its own key keep working.
        assertThat(scene.status(IdentityHoldScene.OLD_OWNER, scene.mintedKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.status(IdentityHoldScene.OLD_OWNER, scene.oldOwnersKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(scene.iam(), IdentityHoldScene.OLD_OWNER)).isEmpty();
        // Created before the window: untouched.
        assertThat(Quarantine.policies(scene.iam(), IdentityHoldScene.OWNER_ADMIN)).isEmpty();
        assertThat(scene.status(IdentityHoldScene.OWNER_ADMIN, scene.adminsKey)).isEqualTo(StatusType.ACTIVE);
        // Held, not contained: the attacker's user keeps its console and its (none) keys; no chain event named it.
        assertThat(scene.iam().listUserPolicies(r -> r.userName(IdentityHoldScene.ATTACKER)).policyNames())
                .doesNotContain("TourniquetDenyConsole");
        // Tourniquet's own roles (created by the emulated stack just before) are never held.
        scene.emulator().configuration().ownStack().roleArns().forEach(arn -> assertThat(scene.roleDenied(
                arn.substring(arn.lastIndexOf('/') + 1))).as(arn).isFalse());
        assertThat(holds(scene).open().held()).extracting(IdentityHolds.Held::resourceId).containsExactlyInAnyOrder(
                "user/" + IdentityHoldScene.ATTACKER, "role/" + IdentityHoldScene.ROLE, "key/" + scene.mintedKey,
                "user/" + IdentityHoldScene.NEW_HIRE);
        assertThat(String.join("\n", scene.emulator().account().takeAlerts())).contains("no CloudTrail record names"
                + " its creator yet");
    }

    @Test
    void ownersCreateUserRecordArrives_reviewReleasesTheHold_andRecordsWhy() {
        IdentityHoldScene scene = exposed(true);
        deliver(scene, scene.createUserRecord(IdentityHoldScene.NEW_HIRE, IdentityHoldScene.OWNER_ADMIN,
                scene.adminsKey));

        List<ObjectNode> review = deliver(scene, IdentityHoldScene.review());

        assertThat(review).extracting(d -> d.path("rule").asText()).contains("IdentityHoldReview");
        assertThat(Quarantine.policies(scene.iam(), IdentityHoldScene.NEW_HIRE)).isEmpty();
        assertThat(scene.userDenied(IdentityHoldScene.ATTACKER)).as("still held: no record yet").isTrue();
        assertThat(holds(scene).open().held()).extracting(IdentityHolds.Held::resourceId)
                .doesNotContain("user/" + IdentityHoldScene.NEW_HIRE).contains("user/" + IdentityHoldScene.ATTACKER);
        String alerts = String.join("\n", scene.emulator().account().takeAlerts());
        assertThat(alerts).contains("RELEASED user/" + IdentityHoldScene.NEW_HIRE, "user/alice",
                "a principal outside the incident");
    }

    @Test
    void attackersCreateUserRecordArrives_containedInFull_reviewClosesTheHold() {
        IdentityHoldScene scene = exposed(true);
        List<ObjectNode> late = deliver(scene, scene.createUserRecord(IdentityHoldScene.ATTACKER,
                IdentityHoldScene.LEAKED_USER, scene.leakedKey));

        assertThat(late).extracting(d -> d.path("rule").asText()).contains("LateIamRecordRule");
        assertThat(scene.iam().listUserPolicies(r -> r.userName(IdentityHoldScene.ATTACKER)).policyNames())
                .contains("TourniquetDenyConsole");
        IncidentStore store = new IncidentStore(scene.emulator().admin().dynamoDb(),
                scene.emulator().configuration().tableName());
        assertThat(store.containedBy("user/" + IdentityHoldScene.ATTACKER)).isPresent();

        deliver(scene, IdentityHoldScene.review());

        assertThat(scene.userDenied(IdentityHoldScene.ATTACKER)).isTrue();
        assertThat(holds(scene).open().held()).extracting(IdentityHolds.Held::resourceId)
                .doesNotContain("user/" + IdentityHoldScene.ATTACKER);
        assertThat(String.join("\n", scene.emulator().account().takeAlerts()))
                .contains("CONTAINED user/" + IdentityHoldScene.ATTACKER, "part of incident");
    }

    @Test
    void hold_releasedByAPerson_undoesTheStoppingChange() {
        IdentityHoldScene scene = exposed(true);
        String roleHold = holds(scene).open().held().stream()
                .filter(h -> h.resourceId().equals("role/" + IdentityHoldScene.ROLE)).findFirst().orElseThrow()
                .holdIncident();

        Releases.release(scene.emulator(), roleHold);

        assertThat(scene.roleDenied(IdentityHoldScene.ROLE)).isFalse();
        deliver(scene, IdentityHoldScene.review());
        assertThat(holds(scene).open().held()).extracting(IdentityHolds.Held::resourceId)
                .doesNotContain("role/" + IdentityHoldScene.ROLE);
        assertThat(scene.roleDenied(IdentityHoldScene.ROLE)).as("a released hold is not taken again").isFalse();
    }

    @Test
    void exposureHoldOff_nothingHeld() {
        IdentityHoldScene scene = exposed(false);

        assertThat(Quarantine.policies(scene.iam(), IdentityHoldScene.ATTACKER)).isEmpty();
        assertThat(scene.roleDenied(IdentityHoldScene.ROLE)).isFalse();
        assertThat(scene.status(IdentityHoldScene.OLD_OWNER, scene.mintedKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(scene.iam(), IdentityHoldScene.NEW_HIRE)).isEmpty();
        assertThat(holds(scene).open().isEmpty()).isTrue();
        List<ObjectNode> review = deliver(scene, IdentityHoldScene.review());
        assertThat(review.get(0).path("response").path("status").asText()).isEqualTo("nothing_to_do");
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("iam:ListUsers", "iam:ListRoles", "iam:ListAccessKeys", "dynamodb:DeleteItem");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
