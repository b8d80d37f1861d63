package dev.tourniquet.it;

import static dev.tourniquet.it.ShareScene.ATTACKER_ACCOUNT;
import static dev.tourniquet.it.ShareScene.ATTACKER_STATEMENT;
import static dev.tourniquet.it.ShareScene.BACKUP_ACCOUNT;
import static dev.tourniquet.it.ShareScene.OWNER_STATEMENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a leaked key opened or shared is taken back when the key is contained: the attacker's permission on the
 * owner's function, the snapshot and AMI shared with the attacker's account, the DB snapshot made public. The
 * owner's own statement and its earlier shares to its backup account stay; a release puts exactly the attacker's
 * shares back. Each function's calls are granted to it by the template.
 */
class SharingIT {
    private static final Set<String> PERFORMED_FUNCTIONS = new TreeSet<>();
    private static final Set<String> PERFORMED_INSTANCES = new TreeSet<>();
    private static WireMockServer wiremock;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        wiremock.stop();
        assertThat(PERFORMED_INSTANCES).contains("ec2:ModifySnapshotAttribute", "ec2:ModifyImageAttribute",
                "rds:ModifyDBSnapshotAttribute");
        assertThat(Emulator.leastPrivilege("IsolateInstanceFunction").notGranted(PERFORMED_INSTANCES)).isEmpty();
        assertThat(Emulator.leastPrivilege("QuarantineFunction").notGranted(PERFORMED_FUNCTIONS)).isEmpty();
    }

    private static ShareScene attacked() {
        ShareScene scene = new ShareScene(MiningScene.emulator(wiremock, Mode.ENFORCE, List.of()), wiremock);
        scene.attack();
        assertThat(scene.statementIds()).containsExactlyInAnyOrder(OWNER_STATEMENT, ATTACKER_STATEMENT);
        assertThat(scene.snapshotSharedWith()).containsExactlyInAnyOrder(BACKUP_ACCOUNT, ATTACKER_ACCOUNT);
        return scene;
    }

    private static void record(ShareScene scene) {
        PERFORMED_FUNCTIONS.addAll(scene.mining.emulatorRecorder("QuarantineFunction").actions());
        PERFORMED_INSTANCES.addAll(scene.mining.emulatorRecorder("IsolateInstanceFunction").actions());
    }

    @Test
    void containment_takesBackTheKeysSharesAndLeavesTheOwners() {
        ShareScene scene = attacked();

        List<ObjectNode> deliveries = scene.containKey();
        record(scene);

        Map<String, String> incidents = ShareScene.incidents(deliveries);
        assertThat(incidents).containsKeys("snapshot:" + scene.snapshotId, "image:" + scene.imageId,
                "db-snapshot:" + ShareScene.DB_SNAPSHOT,
                "function-permission:" + scene.function.arn() + "#" + ATTACKER_STATEMENT);
        assertThat(scene.statementIds()).containsExactly(OWNER_STATEMENT);
        assertThat(scene.snapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
        assertThat(scene.imageSharedWith()).containsExactly(BACKUP_ACCOUNT);
        assertThat(scene.dbSnapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
    }

    @Test
    void containment_again_changesNothingTwice() {
        ShareScene scene = attacked();
        scene.containKey();

        List<ObjectNode> again = scene.containKey();
        record(scene);

        // The sweeps find every share handled already: nothing applied a second time.
        assertThat(again.stream().filter(d -> Set.of("CredentialContainedRule", "InstanceSweepRule")
                .contains(d.path("rule").asText())).flatMap(d -> d.path("response").path("incidents")
                .findValuesAsText("result").stream())).doesNotContain("applied");
        assertThat(scene.snapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
        assertThat(scene.dbSnapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
    }

    @Test
    void release_putsBackExactlyTheAttackersShares() {
        ShareScene scene = attacked();
        Map<String, String> incidents = ShareScene.incidents(scene.containKey());
        record(scene);

        for (String subject : List.of("snapshot:" + scene.snapshotId, "image:" + scene.imageId,
                "db-snapshot:" + ShareScene.DB_SNAPSHOT,
                "function-permission:" + scene.function.arn() + "#" + ATTACKER_STATEMENT, scene.function.arn())) {
            Releases.release(scene.mining.emulator(), incidents.get(subject));
        }

        assertThat(scene.statementIds()).containsExactlyInAnyOrder(OWNER_STATEMENT, ATTACKER_STATEMENT);
        assertThat(scene.statement(ATTACKER_STATEMENT).path("Principal").asText("*")).isEqualTo("*");
        assertThat(scene.snapshotSharedWith()).containsExactlyInAnyOrder(BACKUP_ACCOUNT, ATTACKER_ACCOUNT);
        assertThat(scene.imageSharedWith()).containsExactlyInAnyOrder(BACKUP_ACCOUNT, ATTACKER_ACCOUNT);
        assertThat(scene.dbSnapshotSharedWith()).containsExactlyInAnyOrder(BACKUP_ACCOUNT, "all");
    }

    @Test
    void lateShareRecords_ofAContainedKey_areTakenBackWhenTheyArrive() {
        ShareScene scene = new ShareScene(MiningScene.emulator(wiremock, Mode.ENFORCE, List.of()), wiremock);
        scene.containKey();

        // CloudTrail is minutes late: the records of the shares arrive after the key's sweep.
        scene.attack();
        record(scene);

        assertThat(scene.statementIds()).containsExactly(OWNER_STATEMENT);
        assertThat(scene.snapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
        assertThat(scene.imageSharedWith()).containsExactly(BACKUP_ACCOUNT);
        assertThat(scene.dbSnapshotSharedWith()).containsExactly(BACKUP_ACCOUNT);
    }

    @Test
    void layerOfTheKey_quarantinesTheFunctionsRunningIt_whoeverAttachedIt() {
        ShareScene scene = new ShareScene(MiningScene.emulator(wiremock, Mode.ENFORCE, List.of()), wiremock);
        MiningScene.Deployed thumbnailer = scene.mining.owner(ShareScene.LAMBDA_REGION, "thumbnailer", "reports-exec");
        scene.attachLayer(thumbnailer, scene.publishLayer());

        Map<String, String> incidents = ShareScene.incidents(scene.containKey());
        record(scene);

        assertThat(scene.mining.concurrency(thumbnailer)).isZero();
        assertThat(incidents).containsKey(thumbnailer.arn()).doesNotContainKey(scene.function.arn());
        assertThat(scene.mining.concurrency(scene.function)).isNull();
    }

    @Test
    void layerOfAContainedKey_attachedAfterwards_quarantinesThatFunction() {
        ShareScene scene = new ShareScene(MiningScene.emulator(wiremock, Mode.ENFORCE, List.of()), wiremock);
        MiningScene.Deployed thumbnailer = scene.mining.owner(ShareScene.LAMBDA_REGION, "thumbnailer", "reports-exec");
        scene.containKey();

        scene.attachLayer(thumbnailer, scene.publishLayer());
        record(scene);

        assertThat(scene.mining.concurrency(thumbnailer)).isZero();
        assertThat(scene.mining.concurrency(scene.function)).isNull();
    }
}
