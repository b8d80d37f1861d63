package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.REGION;
import static dev.tourniquet.it.InstanceScene.groupIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A GuardDuty attack sequence ({@code AttackSequence:IAM/CompromisedCredentials}) end to end on moto server through
 * the rules of template.yaml: the actor's key is deactivated by the credential function, the instance the
 * sequence's own mining finding names is stopped by the instance function; the instance named only by an API call
 * and the bucket the actor read are targets, and are left exactly as they were.
 */
class AttackSequenceIT {
    static final String SAMPLE = "guardduty-attack-sequence-compromised-credentials.json";
    static final String BUCKET = "payroll-exports-123456789012";
    static final String SEQUENCE = "3d6e1c2b-8f7a-4e5d-b6c1-0a9f8e7d6c5b";

    /** The scene's miner, target instance and key, named in a copy of the sample sequence. */
    record Attack(InstanceScene scene, InstanceScene.Network network, String miner, String target, String key,
                  ObjectNode event) {
    }

    /** An account with deploy-bot's key, a mining instance, an innocent instance and a bucket, and the sequence. */
    static Attack attack(InstanceScene scene) {
        InstanceScene.Network network = scene.network();
        String miner = scene.launch(REGION, network, true);
        String target = scene.launch(REGION, network, false);
        String key = scene.deployBotKey();
        ownersLaunch(scene, target);
        S3Client s3 = scene.emulator().admin().s3(REGION);
        s3.createBucket(r -> r.bucket(BUCKET).createBucketConfiguration(c -> c.locationConstraint(REGION)));
        s3.putObject(r -> r.bucket(BUCKET).key("2026-11/payroll.csv"), RequestBody.fromString("name,amount\n"));
        String text = Emulator.sample(SAMPLE).toString().replace("AKIAIOSFODNN7EXAMPLE", key)
                .replace("i-0123456789abcdef0", miner).replace("i-0fedcba9876543210", target);
        ObjectNode event;
        try {
            event = (ObjectNode) Json.MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        event.put("id", UUID.randomUUID().toString());
        // The innocent instance lives next to the miner.
        event.at("/detail/service/detection/sequence/resources").forEach(r -> ((ObjectNode) r).put("region",
                r.path("resourceType").asText().equals("EC2_INSTANCE") ? REGION : r.path("region").asText()));
        return new Attack(scene, network, miner, target, key, event);
    }

    /**
     * The owner's CloudTrail record of launching the target (another user, another key): without it, the exposure hold
     * of the contained key would hold an instance that appeared in its window with no known creator.
     */
    private static void ownersLaunch(InstanceScene scene, String instanceId) {
        scene.iam().createUser(r -> r.userName("ops-admin"));
        String ownerKey = scene.iam().createAccessKey(r -> r.userName("ops-admin")).accessKey().accessKeyId();
        ObjectNode record = InstanceScene.launched(instanceId, REGION, ownerKey);
        ((ObjectNode) record.path("detail").path("userIdentity")).put("arn", "arn:aws:iam::123456789012:user/ops-admin")
                .put("userName", "ops-admin").put("principalId", "AIDAOPSADMIN0000EXAMPL");
        scene.deliver(record);
    }

    static JsonNode incidentOn(List<ObjectNode> deliveries, String function, String subject) {
        return deliveries.stream().filter(d -> d.path("function").asText().equals(function))
                .flatMap(d -> java.util.stream.StreamSupport.stream(d.path("response").path("incidents").spliterator(),
                        false)).filter(i -> i.path("subject").asText().equals(subject)).findFirst().orElseThrow();
    }

    static String keyStatus(InstanceScene scene, String key) {
        return scene.iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata().stream()
                .filter(k -> k.accessKeyId().equals(key)).findFirst().orElseThrow().statusAsString();
    }

    /** The target instance runs with its own group and no snapshot; the bucket and its object are as they were. */
    static void assertTargetsUntouched(Attack attack) {
        Instance target = attack.scene().instance(REGION, attack.target());
        assertThat(target.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(target)).containsExactly(attack.network().webGroupId());
        assertThat(attack.scene().snapshots(REGION, attack.target())).isEmpty();
        S3Client s3 = attack.scene().emulator().admin().s3(REGION);
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).extracting(o -> o.key())
                .containsExactly("2026-11/payroll.csv");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> s3.getBucketPolicy(r -> r.bucket(BUCKET)))
                .hasMessageContaining("policy");
    }

    @Test
    void sequence_containsTheActorsKeyAndTheMiner_leavesTheTargets() {
        Attack attack = attack(InstanceScene.fresh(Mode.ENFORCE));

        List<ObjectNode> deliveries = attack.scene().deliver(attack.event());

        assertThat(deliveries.subList(0, 2)).extracting(d -> d.path("function").asText())
                .containsExactlyInAnyOrder("ContainCredentialFunction", InstanceScene.FUNCTION);
        JsonNode key = incidentOn(deliveries, "ContainCredentialFunction", attack.key());
        assertThat(key.path("decision").asText()).isEqualTo("act");
        assertThat(keyStatus(attack.scene(), attack.key())).isEqualTo("Inactive");
        JsonNode miner = incidentOn(deliveries, InstanceScene.FUNCTION, attack.miner());
        assertThat(InstanceScene.results(miner)).containsEntry("stop-instance", "applied")
                .containsEntry("isolate-network", "applied");
        Instance stopped = attack.scene().instance(REGION, attack.miner());
        assertThat(stopped.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(groupIds(stopped)).doesNotContain(attack.network().webGroupId());
        // Each function took only its part: no incident of one function names the other's resource.
        assertThat(deliveries).filteredOn(d -> d.path("function").asText().equals("ContainCredentialFunction"))
                .allSatisfy(d -> assertThat(d.toString()).doesNotContain("\"subject\":\"" + attack.miner() + "\""));
        assertTargetsUntouched(attack);
        // The alerts name the sequence, its signal types, what was contained and what was left as a target.
        List<String> alerts = attack.scene().emulator().account().takeAlerts();
        assertThat(alerts).anySatisfy(alert -> assertThat(alert).contains(SEQUENCE,
                "UnauthorizedAccess:IAMUser/MaliciousIPCaller", "CryptoCurrency:EC2/BitcoinTool.B!DNS",
                "deactivate-access-key on " + attack.key() + ": applied",
                "Left as targets or victims (not touched): S3_BUCKET " + BUCKET + ", EC2_INSTANCE " + attack.target()));
        assertThat(alerts).anySatisfy(alert -> assertThat(alert).contains(SEQUENCE, "stop-instance on " + attack.miner()));
    }

    @Test
    void sampleSequence_isRecordedAndChangesNothing() {
        Attack attack = attack(InstanceScene.fresh(Mode.ENFORCE));
        ((ObjectNode) attack.event().at("/detail/service/additionalInfo")).put("sample", true);

        List<ObjectNode> deliveries = attack.scene().deliver(attack.event());

        assertThat(incidentOn(deliveries, "ContainCredentialFunction", attack.key()).path("decision").asText())
                .isEqualTo("record_only");
        assertThat(incidentOn(deliveries, InstanceScene.FUNCTION, attack.miner()).path("decision").asText())
                .isEqualTo("record_only");
        assertThat(keyStatus(attack.scene(), attack.key())).isEqualTo("Active");
        assertThat(attack.scene().instance(REGION, attack.miner()).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertTargetsUntouched(attack);
    }

    @Test
    void ecsSequence_revokesTheTaskRolesSession_andHandsTheMiningTaskToStopWorkloadOnly() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        scene.iam().createRole(r -> r.roleName("web-task-role").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}"""));
        ObjectNode event = Emulator.sample("guardduty-attack-sequence-compromised-ecs-cluster.json");
        event.put("id", UUID.randomUUID().toString());
        String miner = "arn:aws:ecs:us-east-1:123456789012:task/web-prod/5f2c8e1a9b7d4c3e8f1a2b3c4d5e6f70";

        List<ObjectNode> deliveries = scene.deliver(event);

        JsonNode session = incidentOn(deliveries, "ContainCredentialFunction", "ASIAQNZGKAPZ5EXAMPLE");
        assertThat(InstanceScene.results(session)).containsEntry("revoke-role-sessions", "applied");
        assertThat(scene.iam().listRolePolicies(r -> r.roleName("web-task-role")).policyNames())
                .containsExactly("TourniquetRevokeSession-5f2c8e1a9b7d4c3e8f1a2b3c4d5e6f70");
        // The task is stop-workload's alone (what its ECS steps do is the ECS part's); the other task is a target.
        assertThat(incidentOn(deliveries, "StopWorkloadFunction", miner).path("subject").asText()).isEqualTo(miner);
        assertThat(deliveries).filteredOn(d -> !d.path("function").asText().equals("StopWorkloadFunction"))
                .allSatisfy(d -> assertThat(d.path("response").toString()).doesNotContain("\"subject\":\"" + miner));
        assertThat(deliveries.toString()).doesNotContain("\"subject\":\"arn:aws:ecs:us-east-1:123456789012:task/"
                + "web-prod/0a1b2c3d4e5f4a6b8c9d0e1f2a3b4c5d\"");
    }

    @AfterAll
    static void leastPrivilege() {
        InstanceScene.assertLeastPrivilege();
    }
}
