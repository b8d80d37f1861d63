package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.FUNCTION;
import static dev.tourniquet.it.InstanceScene.REGION;
import static dev.tourniquet.it.InstanceScene.groupIds;
import static dev.tourniquet.it.InstanceScene.incident;
import static dev.tourniquet.it.InstanceScene.results;
import static dev.tourniquet.it.InstanceScene.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The instance function on findings, end to end on moto server through the rules of template.yaml. */
class IsolateInstanceIT {
    private static final List<String> FULL_ORDER = List.of("collect-instance-evidence", "snapshot-volumes",
            "protect-evidence", "detach-from-auto-scaling-group", "isolate-network", "stop-instance",
            "remove-instance-profile", "revoke-role-sessions", "emit-credential-compromised");

    private InstanceScene scene;
    private InstanceScene.Network network;

    private void assertUntouched(String instanceId) {
        Instance instance = scene.instance(REGION, instanceId);
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(instance)).containsExactly(network.webGroupId());
        assertThat(scene.snapshots(REGION, instanceId)).isEmpty();
        assertThat(scene.terminationProtected(instanceId)).isFalse();
        assertThat(scene.hasProfile(instanceId)).isTrue();
    }

    @Test
    void miningFinding_instanceWithTwoVolumesAndProfile_isContainedEvidenceFirst() throws Exception {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);
        String key = scene.launchedByDeployBot(instanceId);

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

        JsonNode incident = incident(deliveries);
        assertThat(deliveries.get(0).path("function").asText()).isEqualTo(FUNCTION);
        assertThat(steps(incident)).isEqualTo(FULL_ORDER);
        assertThat(results(incident)).containsEntry("detach-from-auto-scaling-group", "skipped")
                .doesNotContainValue("failed");
        String incidentId = incident.path("incidentId").asText();
        Instance instance = scene.instance(REGION, instanceId);
        List<Snapshot> snapshots = scene.snapshots(REGION, instanceId);
        assertThat(snapshots).extracting(Snapshot::volumeId).containsExactlyInAnyOrderElementsOf(
                instance.blockDeviceMappings().stream().map(m -> m.ebs().volumeId()).toList());
        assertThat(snapshots).allSatisfy(s -> assertThat(s.tags()).contains(
                Tag.builder().key("tourniquet:incident").value(incidentId).build()));
        assertThat(scene.terminationProtected(instanceId)).isTrue();
        assertThat(instance.blockDeviceMappings()).allSatisfy(m -> assertThat(m.ebs().deleteOnTermination()).isFalse());
        assertThat(groupIds(instance)).singleElement().satisfies(id -> {
            SecurityGroup isolation = scene.group(REGION, id);
            assertThat(isolation.groupName()).startsWith("tourniquet-isolation-");
            assertThat(isolation.ipPermissions()).isEmpty();
            assertThat(isolation.ipPermissionsEgress()).isEmpty();
        });
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(scene.hasProfile(instanceId)).isFalse();
        // Only this instance's own sessions of the role (named for the instance) are revoked: the owner's other
        // instances sharing the role keep their credentials.
        assertThat(scene.iam().listRolePolicies(r -> r.roleName(InstanceScene.ROLE)).policyNames())
                .containsExactly("TourniquetRevokeSession-" + instanceId);
        assertThat(java.net.URLDecoder.decode(scene.iam().getRolePolicy(r -> r.roleName(InstanceScene.ROLE)
                .policyName("TourniquetRevokeSession-" + instanceId)).policyDocument(), "UTF-8"))
                .contains("aws:TokenIssueTime", "\"aws:userid\":\"*:" + instanceId + "\"");
        JsonNode priorGroups = incident.path("steps").get(4).path("prior");
        assertThat(priorGroups.path("instanceGroups").get(0).asText()).isEqualTo(network.webGroupId());
        assertThat(priorGroups.path("region").asText()).isEqualTo(REGION);
        // The launching key is named, contained by the credential function, and the sweep that follows finds
        // this instance contained already.
        assertThat(deliveries).extracting(d -> d.path("function").asText())
                .containsExactly(FUNCTION, "ContainCredentialFunction", "RecordProvenanceFunction",
                        "ContainCredentialFunction", "QuarantineFunction", "StopWorkloadFunction", FUNCTION);
        assertThat(scene.iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata())
                .filteredOn(k -> k.accessKeyId().equals(key)).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
        JsonNode swept = deliveries.get(6).path("response").path("incidents").get(0);
        assertThat(results(swept)).doesNotContainKey("emit-credential-compromised").allSatisfy((step, result) ->
                assertThat(result).isIn(step.equals("collect-instance-evidence") ? "applied" : "already_applied",
                        "skipped"));
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
        List<String> evidence = scene.emulator().admin().evidenceS3().listObjectsV2(r -> r
                .bucket(scene.emulator().configuration().bucketName()).prefix("incidents/" + incidentId + "/"))
                .contents().stream().map(o -> o.key().substring(o.key().lastIndexOf('/') + 1)).toList();
        assertThat(evidence).contains("instance-" + instanceId + ".json", "console-output-" + instanceId + ".txt",
                "manifest.json");
    }

    @Test
    void preCreatedGroupNamedLikeTheIsolationGroup_withOpenRules_isNeverUsed() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        Ec2Client ec2 = scene.ec2(REGION);
        String trap = ec2.createSecurityGroup(r -> r.vpcId(network.vpcId()).groupName("tourniquet-isolation-aaaaaaaa")
                .description("looks like Tourniquet's").tagSpecifications(t -> t.resourceType("security-group")
                        .tags(Tag.builder().key("tourniquet:isolation").value("true").build()))).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(trap).ipPermissions(p -> p.ipProtocol("-1")
                .ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        String untagged = ec2.createSecurityGroup(r -> r.vpcId(network.vpcId()).groupName("tourniquet-isolation")
                .description("the plain name, untagged")).groupId();
        String instanceId = scene.launch(REGION, network, false);

        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-backdoor-cc.json", instanceId, REGION)));

        String used = groupIds(scene.instance(REGION, instanceId)).get(0);
        assertThat(used).isNotIn(trap, untagged, network.webGroupId());
        assertThat(scene.group(REGION, used).ipPermissions()).isEmpty();
        assertThat(scene.group(REGION, used).ipPermissionsEgress()).isEmpty();
        JsonNode isolate = incident.path("steps").get(steps(incident).indexOf("isolate-network"));
        assertThat(isolate.path("prior").path("rejectedGroups").get(0).asText()).isEqualTo(trap);
        assertThat(scene.group(REGION, trap).ipPermissions()).isNotEmpty();
    }

    @Test
    void backdoorFinding_isolatesWithoutStopping() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);

        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-backdoor-cc.json", instanceId, REGION)));

        assertThat(steps(incident)).doesNotContain("stop-instance").contains("isolate-network");
        assertThat(scene.instance(REGION, instanceId).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, instanceId))).doesNotContain(network.webGroupId());
        assertThat(scene.hasProfile(instanceId)).isFalse();
    }

    @Test
    void sameFinding_deliveredTwice_actsOnce() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);
        ObjectNode finding = InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION);
        scene.deliver(finding);
        scene.emulator().account().takeAlerts();
        scene.recorder().clear();

        List<ObjectNode> again = scene.deliver(finding);

        assertThat(incident(again).path("claim").asText()).isEqualTo("duplicate");
        assertThat(scene.recorder().actions()).noneMatch(a -> a.startsWith("ec2:") || a.startsWith("iam:")
                || a.equals("sns:Publish") || a.equals("events:PutEvents"));
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
        assertThat(scene.emulator().account().takeAlerts()).isEmpty();
    }

    @Test
    void anotherFinding_onAContainedInstance_changesNothingTwice() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);
        scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

        JsonNode second = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool-dns.json", instanceId,
                REGION)));

        assertThat(results(second)).containsEntry("snapshot-volumes", "already_applied")
                .containsEntry("protect-evidence", "already_applied").containsEntry("isolate-network", "already_applied")
                .containsEntry("stop-instance", "already_applied").containsEntry("remove-instance-profile", "skipped");
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
        assertThat(scene.ec2(REGION).describeSecurityGroups(r -> r.filters(f -> f.name("tag-key")
                .values("tourniquet:isolation"))).securityGroups()).hasSize(1);
    }

    @Test
    void victimFinding_alertsOnlyAndChangesNothing() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);

        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-ssh-brute-force-victim.json",
                instanceId, REGION)));

        assertThat(incident.path("decision").asText()).isEqualTo("alert_only");
        assertUntouched(instanceId);
        assertThat(scene.emulator().account().takeAlerts()).singleElement().asString()
                .contains("alert_only", "is the target, not the actor");
    }

    @Test
    void planMode_changesNothingButSaysWhatItWouldDo() {
        scene = InstanceScene.fresh(Mode.PLAN);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true);
        scene.launchedByDeployBot(instanceId);

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

        JsonNode incident = incident(deliveries);
        assertThat(steps(incident)).isEqualTo(FULL_ORDER);
        assertThat(results(incident).values()).containsOnly("planned", "skipped");
        assertUntouched(instanceId);
        assertThat(scene.ec2(REGION).describeSecurityGroups(r -> r.filters(f -> f.name("tag-key")
                .values("tourniquet:isolation"))).securityGroups()).isEmpty();
        assertThat(scene.iam().listRolePolicies(r -> r.roleName(InstanceScene.ROLE)).policyNames()).isEmpty();
        assertThat(deliveries).hasSize(1);
        assertThat(scene.emulator().account().takeAlerts()).singleElement().asString().contains("(mode: plan)", "would snapshot 2 volume(s)");
    }

    @Test
    void exemptTag_writtenBeforeTheIncidentBySomeoneElse_changesNothing() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.launch(REGION, network, true,
                Tag.builder().key("tourniquet:exempt").value("forensics-lab").build());
        scene.deliver(TagRecords.createTags(instanceId, REGION, TagRecords.ADMIN, TagRecords.ADMIN_KEY,
                "2026-11-10T09:00:00Z"));

        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION)));

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("tourniquet:exempt", "platform-admin");
        assertUntouched(instanceId);
    }

    @Test
    void findingOnAnUnknownInstance_isGoneWithoutRetry() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();

        List<ObjectNode> deliveries = scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                "i-0000000000000dead", REGION));

        assertThat(deliveries.get(0).has("error")).isFalse();
        assertThat(incident(deliveries).path("decision").asText()).isEqualTo("resource_gone");
    }

    @Test
    void instanceInAutoScalingGroup_isDetachedBeforeItIsStopped() {
        scene = InstanceScene.fresh(Mode.ENFORCE);
        network = scene.network();
        String instanceId = scene.inAutoScalingGroup("miners");

        JsonNode incident = incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION)));

        assertThat(results(incident)).containsEntry("detach-from-auto-scaling-group", "applied")
                .containsEntry("stop-instance", "applied");
        List<String> calls = scene.recorder().sequence();
        // Detached before the security-group swap (the last ModifyInstanceAttribute) and before the stop.
        assertThat(calls.indexOf("autoscaling:DetachInstances")).isNotNegative()
                .isLessThan(calls.lastIndexOf("ec2:ModifyInstanceAttribute"))
                .isLessThan(calls.indexOf("ec2:StopInstances"));
        var group = scene.autoScaling(REGION).describeAutoScalingGroups(r -> r.autoScalingGroupNames("miners"))
                .autoScalingGroups().get(0);
        assertThat(group.instances()).isEmpty();
        assertThat(group.desiredCapacity()).isZero();
        assertThat(scene.instance(REGION, instanceId).state().name()).isEqualTo(InstanceStateName.STOPPED);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(InstanceScene.PERFORMED).contains("ec2:CreateSnapshots", "ec2:CreateSecurityGroup",
                "ec2:RevokeSecurityGroupEgress", "ec2:ModifyInstanceAttribute", "ec2:StopInstances",
                "ec2:DisassociateIamInstanceProfile", "autoscaling:DetachInstances", "iam:PutRolePolicy",
                "iam:GetInstanceProfile", "dynamodb:Query", "events:PutEvents");
        InstanceScene.assertLeastPrivilege();
    }
}
