package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.iam.IamStepKinds;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * What a stolen key made in IAM, undone end to end on moto server through the template's rules: the CloudTrail
 * records reach record-provenance, the key's containment reaches contain-credential's persistence sweep, a record
 * arriving after the containment is undone on its own, and ./tourniquet release puts each back.
 */
class IamPersistenceIT {
    private static final String FUNCTION = "ContainCredentialFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private static List<ObjectNode> deliver(Emulator emulator, List<ObjectNode> events) {
        return emulator.deliverAll(events, FUNCTION, PERFORMED);
    }

    private static IamPersistenceScene contained(Mode mode) {
        IamPersistenceScene scene = IamPersistenceScene.on(Emulator.freshWithoutExposureHold(mode, List.of()));
        deliver(scene.emulator(), scene.persist());
        return scene;
    }

    private static List<JsonNode> incidentsOf(List<ObjectNode> deliveries, String rule) {
        return IamPersistenceScene.incidents(deliveries.stream().filter(d -> rule.equals(d.path("rule").asText()))
                .toList());
    }

    @Test
    void leakedKey_attackersIdentitiesDenied_ownersKeysAndUsersKeepWorking() {
        IamPersistenceScene scene = contained(Mode.ENFORCE);
        var iam = scene.iam();

        List<ObjectNode> deliveries = deliver(scene.emulator(), List.of(scene.exposed()));

        assertThat(scene.allKeysInactive(IamPersistenceScene.ATTACKER)).isTrue();
        assertThat(Quarantine.policies(iam, IamPersistenceScene.ATTACKER))
                .contains(Quarantine.POLICY_ARN, IamPersistenceScene.ADMIN, "TourniquetDenyConsole");
        assertThat(iam.getLoginProfile(r -> r.userName(IamPersistenceScene.ATTACKER)).loginProfile())
                .as("the password is kept: irreversible actions are off").isNotNull();
        assertThat(scene.status(IamPersistenceScene.OWNER, scene.mintedKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(scene.status(IamPersistenceScene.OWNER, scene.ownersKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(iam, IamPersistenceScene.OWNER)).isEmpty();
        assertThat(scene.contained()).isTrue();
        // The attacker's user and the minted key are part of the incident: announced contained, and marked so.
        List<JsonNode> undone = incidentsOf(deliveries, "CredentialContainedIamRule");
        List<String> announced = new ArrayList<>();
        undone.forEach(i -> i.path("steps").forEach(step -> {
            if ("emit-credential-contained".equals(step.path("step").asText())) {
                announced.add(step.path("target").asText() + " " + step.path("result").asText());
            }
        }));
        assertThat(announced).contains("user/" + IamPersistenceScene.ATTACKER + " applied",
                scene.mintedKey + " applied", scene.attackersKey + " applied");
        // Swept in turn: what the attacker's user and the minted key did is contained the same way.
        assertThat(deliveries).filteredOn(d -> "CredentialContainedIamRule".equals(d.path("rule").asText()))
                .hasSizeGreaterThanOrEqualTo(4);
        var incidents = scene.emulator().admin().dynamoDb();
        var store = new dev.tourniquet.records.IncidentStore(incidents, scene.emulator().configuration().tableName());
        assertThat(store.containedBy("user/" + IamPersistenceScene.ATTACKER)).isPresent();
        assertThat(store.containedBy(scene.mintedKey)).isPresent();
        assertThat(incidentsOf(deliveries, "CredentialContainedIamRule")).isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("status").asText()).isNotEqualTo("FAILED"));
        List<String> alerts = scene.emulator().account().takeAlerts();
        assertThat(String.join("\n", alerts)).contains("console password was left",
                "aws iam delete-login-profile --user-name " + IamPersistenceScene.ATTACKER);
    }

    @Test
    void leakedKey_deliveredTwice_undoesEachRecordOnce() {
        IamPersistenceScene scene = contained(Mode.ENFORCE);
        ObjectNode exposed = scene.exposed();
        deliver(scene.emulator(), List.of(exposed));
        scene.emulator().recorder().clear();

        List<ObjectNode> again = deliver(scene.emulator(), List.of(exposed));

        assertThat(scene.emulator().recorder().actions()).doesNotContain("iam:UpdateAccessKey", "iam:PutUserPolicy",
                "iam:AttachUserPolicy");
        assertThat(IamPersistenceScene.incidents(again)).allSatisfy(i ->
                assertThat(i.path("claim").asText()).isIn("duplicate", ""));
        assertThat(scene.contained()).isTrue();
    }

    @Test
    void recordArrivingAfterTheContainment_isUndoneOnItsOwn() {
        IamPersistenceScene scene = contained(Mode.ENFORCE);
        deliver(scene.emulator(), List.of(scene.exposed()));
        ObjectNode late = scene.lateMintedKey();
        String lateKey = late.at("/detail/responseElements/accessKey/accessKeyId").asText();

        List<ObjectNode> deliveries = deliver(scene.emulator(), List.of(late));

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("IamProvenanceRule",
                "LateIamRecordRule");
        assertThat(scene.status(IamPersistenceScene.OTHER_OWNER, lateKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(Quarantine.policies(scene.iam(), IamPersistenceScene.OTHER_OWNER)).isEmpty();
        assertThat(scene.ownersUntouched()).isTrue();
    }

    @Test
    void planMode_changesNothing() {
        IamPersistenceScene scene = contained(Mode.PLAN);

        deliver(scene.emulator(), List.of(scene.exposed()));

        assertThat(scene.status(IamPersistenceScene.ATTACKER, scene.attackersKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(scene.status(IamPersistenceScene.OWNER, scene.mintedKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(scene.iam(), IamPersistenceScene.ATTACKER))
                .containsExactly(IamPersistenceScene.ADMIN);
    }

    @Test
    void release_undoesEachStep() {
        IamPersistenceScene scene = contained(Mode.ENFORCE);
        List<ObjectNode> deliveries = deliver(scene.emulator(), List.of(scene.exposed()));

        for (JsonNode incident : incidentsOf(deliveries, "CredentialContainedIamRule")) {
            Releases.release(scene.emulator(), incident.path("incidentId").asText());
        }

        assertThat(scene.status(IamPersistenceScene.ATTACKER, scene.attackersKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(scene.status(IamPersistenceScene.OWNER, scene.mintedKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(Quarantine.policies(scene.iam(), IamPersistenceScene.ATTACKER))
                .containsExactly(IamPersistenceScene.ADMIN);
        assertThat(scene.ownersUntouched()).isTrue();
    }

    @Test
    void serviceSpecificCredential_ofTheAttackersUser_isDeactivated_andReleasedActiveAgain() {
        WireMockServer wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort()
                .bindAddress("127.0.0.1"));
        wiremock.start();
        try {
            Emulator emulator = Emulator.fresh(Mode.ENFORCE, List.of(), c -> {
                IamStandIn.in(wiremock, c.endpoint().orElseThrow(), IamPersistenceScene.ATTACKER);
                return Emulator.withoutExposureHold(c.withServiceEndpoint("iam", URI.create(wiremock.baseUrl())));
            }, List.of());
            IamPersistenceScene scene = IamPersistenceScene.on(emulator);
            List<ObjectNode> records = new ArrayList<>(scene.persist());
            records.add(scene.signed(Emulator.sample("cloudtrail-iam-create-service-specific-credential.json")));
            deliver(emulator, records);

            List<ObjectNode> deliveries = deliver(emulator, List.of(scene.exposed()));

            assertThat(IamStandIn.inactive(wiremock)).isTrue();
            assertThat(scene.contained()).isTrue();
            JsonNode step = incidentsOf(deliveries, "CredentialContainedIamRule").stream()
                    .flatMap(i -> java.util.stream.StreamSupport.stream(i.path("steps").spliterator(), false))
                    .filter(s -> "deactivate-service-credential".equals(s.path("step").asText())).findFirst()
                    .orElseThrow();
            assertThat(step.path("result").asText()).isEqualTo("applied");
            assertThat(step.path("prior").path("status").asText()).isEqualTo("Active");

            // ./tourniquet release runs this reversal with the recorded prior state (its endpoint is moto's alone).
            ((Reversibility.Reversible) IamStepKinds.DEACTIVATE_SERVICE_CREDENTIAL.reversibility()).reversal()
                    .release(step.path("prior"), IamStandIn.CREDENTIAL, new AwsClients(emulator.configuration()
                            .withServiceEndpoint("iam", URI.create(wiremock.baseUrl()))));
            assertThat(IamStandIn.inactive(wiremock)).isFalse();
        } finally {
            wiremock.stop();
        }
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("iam:UpdateAccessKey", "iam:AttachUserPolicy", "iam:PutUserPolicy");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
