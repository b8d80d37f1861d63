package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Never bypassed, never misled, on moto server: a miner named, pathed and tagged like Tourniquet's own resources
 * is quarantined all the same and its creator contained; a finding about another account changes nothing here
 * and says so; an exempt tag written before the incident by someone else is honoured. The tag writes reach
 * Tourniquet as CloudTrail records through the template's tag-provenance rule.
 */
class ExactIdentityIT extends QuarantineFunctionScenario {

    /** A miner that looks like Tourniquet: its name, its role's path, its tags, the exempt tag by the attacker. */
    static Deployed lookalike(Emulator emulator, MiningScene scene) {
        String role = emulator.admin().iam().createRole(r -> r.roleName("tourniquet-miner-role").path("/tourniquet/")
                .assumeRolePolicyDocument(MiningScene.LAMBDA_TRUST)).role().arn();
        Deployed miner = scene.attacker(MiningScene.WEST, "tourniquet-contain-credential-worker", role);
        scene.lambda(MiningScene.WEST).tagResource(r -> r.resource(miner.arn()).tags(Map.of("tourniquet:component",
                "true")));
        scene.exemptTag(miner, "deploy-bot", scene.attackerKey, "2026-11-20T03:12:05Z");
        return miner;
    }

    @Test
    void miner_namedPathedAndTaggedLikeTourniquet_isQuarantinedAndItsCreatorContained() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = lookalike(emulator, scene);
        emulator.account().takeAlerts();

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        JsonNode incident = incidentOf(deliveries, miner);
        assertThat(incident.path("decision").asText()).isEqualTo("act");
        assertThat(incident.path("rationale").asText()).contains("IGNORED", "deploy-bot", scene.attackerKey,
                "2026-11-20T03:12:05Z");
        assertThat(scene.concurrency(miner)).isZero();
        assertThat(scene.rolePolicies("tourniquet-miner-role")).contains("TourniquetRevokeOlderSessions");
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).isEqualTo(StatusType.INACTIVE);
        assertThat(emulator.account().takeAlerts()).anySatisfy(alert -> assertThat(alert)
                .contains(miner.arn(), "IGNORED", "written by arn:aws:iam::123456789012:user/deploy-bot"));
    }

    @Test
    void findingOfAMemberAccount_isAlertedOnly_andNothingOfTheSameNameHereChanges() {
        scene(Mode.ENFORCE, List.of());
        Deployed local = scene.owner(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        emulator.account().takeAlerts();
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = deliver(Emulator.sample("guardduty-lambda-member-account.json"));

        JsonNode incident = quarantineIncidents(deliveries).getFirst();
        assertThat(incident.path("decision").asText()).isEqualTo("alert_only");
        assertThat(incident.path("steps")).isEmpty();
        assertThat(scene.concurrency(local)).isNull();
        assertThat(scene.tags(local)).doesNotContainKey("tourniquet:incident");
        assertThat(scene.keyStatus("owner", scene.ownerKey)).isEqualTo(StatusType.ACTIVE);
        assertThat(emulator.recorder(FUNCTION).actions()).as("not even read here")
                .doesNotContain("lambda:GetFunction", "lambda:PutFunctionConcurrency");
        assertThat(emulator.account().takeAlerts()).singleElement().asString()
                .contains("alert_only", "111122223333", "Nothing was changed here");
    }

    @Test
    void exemptTag_writtenByTheOwnerBeforeTheIncident_isHonoured() {
        scene(Mode.ENFORCE, List.of());
        Deployed report = scene.deploy(MiningScene.WEST, "nightly-report", "reports-exec", "owner", scene.ownerKey,
                false);
        scene.exemptTag(report, "owner", scene.ownerKey, "2026-11-10T09:00:00Z");
        // The attacker changes its code (recorded): the incident began then, after the tag.
        emulator.deliver(MiningScene.cloudTrail("cloudtrail-lambda-update-function-code.json",
                new Deployed(report.arn(), report.name(), report.region(), report.role(), "deploy-bot",
                        scene.attackerKey, report.code())));

        List<ObjectNode> deliveries = deliver(MiningScene.finding(report));

        JsonNode incident = incidentOf(deliveries, report);
        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("exempt", "user/owner", "2026-11-10T09:00:00Z",
                "before the incident");
        assertThat(scene.concurrency(report)).isNull();
        assertThat(scene.keyStatus("deploy-bot", scene.attackerKey)).as("nothing acted on, nobody named")
                .isEqualTo(StatusType.ACTIVE);
    }

    @Test
    void exemptTag_withoutAnyRecord_isFoundInCloudTrailHistory_andJudgedTheSame() {
        scene(Mode.ENFORCE, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-worker-1", "xmrig-exec");
        scene.lambda(MiningScene.WEST).tagResource(r -> r.resource(miner.arn())
                .tags(Map.of("tourniquet:exempt", "yes")));
        ObjectNode tagged = MiningScene.cloudTrail("cloudtrail-lambda-tag-resource.json", miner);
        ((ObjectNode) tagged.path("detail").path("requestParameters")).put("resource", miner.arn());
        CloudTrailStub.events(wiremock, miner.name(), tagged);

        List<ObjectNode> deliveries = deliver(MiningScene.finding(miner));

        assertThat(incidentOf(deliveries, miner).path("rationale").asText()).contains("IGNORED", "deploy-bot");
        assertThat(scene.concurrency(miner)).isZero();
    }
}
