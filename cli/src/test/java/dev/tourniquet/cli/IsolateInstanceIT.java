package dev.tourniquet.cli;

import static dev.tourniquet.cli.InstanceScene.FUNCTION;
import static dev.tourniquet.cli.InstanceScene.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.edge.Mode;
import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.ec2.Ec2Reversals;
import dev.tourniquet.step.iam.IamReversals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;

/** The instance function end to end on moto server, through the rules of template.yaml. */
class IsolateInstanceIT {
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static final List<String> FULL_ORDER = List.of("collect-instance-evidence", "snapshot-volumes",
            "protect-evidence", "detach-from-auto-scaling-group", "isolate-network", "stop-instance",
            "remove-instance-profile", "revoke-role-sessions", "emit-credential-compromised");

    private InstanceScene scene;
    private InstanceScene.Network network;

    private void scene(Mode mode) {
        scene = InstanceScene.fresh(mode);
        network = scene.network(REGION);
        scene.instanceProfile();
    }

    private List<ObjectNode> deliver(ObjectNode event) {
        List<ObjectNode> deliveries = scene.deliver(event);
        PERFORMED.addAll(scene.recorder().actions(FUNCTION));
        return deliveries;
    }

    /** An instance of deploy-bot's, launched with a key CloudTrail recorded; the key is returned. */
    private String launchedByDeployBot(String instanceId) {
        String key = scene.deployBotKey();
        deliver(InstanceScene.launched(instanceId, REGION, key));
        return key;
    }

    private static JsonNode incident(List<ObjectNode> deliveries) {
        return deliveries.get(0).path("response").path("incidents").get(0);
    }

    private static List<String> steps(JsonNode incident) {
        return incident.path("steps").findValuesAsText("step");
    }

    private static Map<String, String> results(JsonNode incident) {
        Map<String, String> results = new java.util.LinkedHashMap<>();
        incident.path("steps").forEach(s -> results.put(s.path("step").asText(), s.path("result").asText()));
        return results;
    }

    private List<String> groupIds(Instance instance) {
        return instance.securityGroups().stream().map(GroupIdentifier::groupId).toList();
    }

    private SecurityGroup group(String groupId) {
        return scene.ec2(REGION).describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    private boolean terminationProtected(String instanceId) {
        return scene.ec2(REGION).describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value();
    }

    private boolean hasProfile(String instanceId) {
        return scene.ec2(REGION).describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id")
                .values(instanceId))).iamInstanceProfileAssociations().stream()
                .anyMatch(a -> a.stateAsString().startsWith("associat"));
    }

    private void assertUntouched(String instanceId) {
        Instance instance = scene.instance(REGION, instanceId);
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(instance)).containsExactly(network.webGroupId());
        assertThat(scene.snapshots(REGION, instanceId)).isEmpty();
        assertThat(terminationProtected(instanceId)).isFalse();
    }

    @Test
    void miningFinding_instanceWithTwoVolumesAndProfile_isContainedEvidenceFirst() throws Exception {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);
        String key = launchedByDeployBot(instanceId);

        List<ObjectNode> deliveries = deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

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
        assertThat(terminationProtected(instanceId)).isTrue();
        assertThat(instance.blockDeviceMappings()).allSatisfy(m -> assertThat(m.ebs().deleteOnTermination()).isFalse());
        assertThat(groupIds(instance)).singleElement().satisfies(id -> {
            SecurityGroup isolation = group(id);
            assertThat(isolation.groupName()).startsWith("tourniquet-isolation-");
            assertThat(isolation.ipPermissions()).isEmpty();
            assertThat(isolation.ipPermissionsEgress()).isEmpty();
        });
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(hasProfile(instanceId)).isFalse();
        assertThat(java.net.URLDecoder.decode(scene.iam().getRolePolicy(r -> r.roleName(InstanceScene.ROLE)
                .policyName("TourniquetRevokeOlderSessions")).policyDocument(), "UTF-8")).contains("aws:TokenIssueTime");
        JsonNode priorGroups = incident.path("steps").get(4).path("prior");
        assertThat(priorGroups.path("instanceGroups").get(0).asText()).isEqualTo(network.webGroupId());
        assertThat(priorGroups.path("region").asText()).isEqualTo(REGION);
        // The launching key is named, contained by the credential function, and the sweep that follows finds
        // this instance contained already.
        assertThat(deliveries).extracting(d -> d.path("function").asText())
                .containsExactly(FUNCTION, "ContainCredentialFunction", FUNCTION);
        assertThat(scene.iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata())
                .filteredOn(k -> k.accessKeyId().equals(key)).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
        JsonNode swept = deliveries.get(2).path("response").path("incidents").get(0);
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
        scene(Mode.ENFORCE);
        Ec2Client ec2 = scene.ec2(REGION);
        String trap = ec2.createSecurityGroup(r -> r.vpcId(network.vpcId()).groupName("tourniquet-isolation-aaaaaaaa")
                .description("looks like Tourniquet's").tagSpecifications(t -> t.resourceType("security-group")
                        .tags(Tag.builder().key("tourniquet:isolation").value("true").build()))).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(trap).ipPermissions(p -> p.ipProtocol("-1")
                .ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        String untagged = ec2.createSecurityGroup(r -> r.vpcId(network.vpcId()).groupName("tourniquet-isolation")
                .description("the plain name, untagged")).groupId();
        String instanceId = scene.launch(REGION, network, false);

        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-backdoor-cc.json", instanceId, REGION)));

        String used = groupIds(scene.instance(REGION, instanceId)).get(0);
        assertThat(used).isNotIn(trap, untagged, network.webGroupId());
        assertThat(group(used).ipPermissions()).isEmpty();
        assertThat(group(used).ipPermissionsEgress()).isEmpty();
        JsonNode isolate = incident.path("steps").get(steps(incident).indexOf("isolate-network"));
        assertThat(isolate.path("prior").path("rejectedGroups").get(0).asText()).isEqualTo(trap);
        assertThat(group(trap).ipPermissions()).isNotEmpty();
    }

    @Test
    void backdoorFinding_isolatesWithoutStopping() {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);

        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-backdoor-cc.json", instanceId, REGION)));

        assertThat(steps(incident)).doesNotContain("stop-instance").contains("isolate-network");
        assertThat(scene.instance(REGION, instanceId).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, instanceId))).doesNotContain(network.webGroupId());
        assertThat(hasProfile(instanceId)).isFalse();
    }

    @Test
    void instanceInAutoScalingGroup_isDetachedBeforeItIsStopped_andReleaseReattachesIt() {
        scene(Mode.ENFORCE);
        var autoScaling = scene.autoScaling(REGION);
        scene.ec2(REGION).createLaunchTemplate(r -> r.launchTemplateName("miners")
                .launchTemplateData(d -> d.imageId("ami-12c6146b").instanceType("g4dn.12xlarge")));
        autoScaling.createAutoScalingGroup(r -> r.autoScalingGroupName("miners").minSize(1).maxSize(2)
                .desiredCapacity(1).vpcZoneIdentifier(network.subnetId())
                .launchTemplate(t -> t.launchTemplateName("miners")));
        String instanceId = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames("miners"))
                .autoScalingGroups().get(0).instances().get(0).instanceId();

        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION)));

        assertThat(results(incident)).containsEntry("detach-from-auto-scaling-group", "applied")
                .containsEntry("stop-instance", "applied");
        List<String> calls = scene.recorder().sequence(FUNCTION);
        // Detached before the security-group swap (the last ModifyInstanceAttribute) and before the stop.
        assertThat(calls.indexOf("autoscaling:DetachInstances")).isNotNegative()
                .isLessThan(calls.lastIndexOf("ec2:ModifyInstanceAttribute"))
                .isLessThan(calls.indexOf("ec2:StopInstances"));
        var group = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames("miners"))
                .autoScalingGroups().get(0);
        assertThat(group.instances()).isEmpty();
        assertThat(group.desiredCapacity()).isZero();
        assertThat(scene.instance(REGION, instanceId).state().name()).isEqualTo(InstanceStateName.STOPPED);

        List<String> released = release(incident);

        assertThat(released).anyMatch(line -> line.contains("attached again to group miners"));
        group = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames("miners")).autoScalingGroups().get(0);
        assertThat(group.instances()).extracting(i -> i.instanceId()).containsExactly(instanceId);
        assertThat(group.minSize()).isEqualTo(1);
        assertThat(group.desiredCapacity()).isEqualTo(1);
    }

    @Test
    void release_afterContainment_restoresTheInstanceAndKeepsTheEvidence() {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);
        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION)));

        release(incident);

        Instance instance = scene.instance(REGION, instanceId);
        assertThat(instance.state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(instance)).containsExactly(network.webGroupId());
        assertThat(hasProfile(instanceId)).isTrue();
        assertThat(terminationProtected(instanceId)).isFalse();
        assertThat(instance.blockDeviceMappings()).allSatisfy(m -> assertThat(m.ebs().deleteOnTermination()).isTrue());
        assertThat(scene.iam().listRolePolicies(r -> r.roleName(InstanceScene.ROLE)).policyNames()).isEmpty();
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
    }

    /** What {@code ./tourniquet release} does: every applied step's reversal, newest first. */
    private List<String> release(JsonNode incident) {
        Map<String, Reversal> reversals = Stream.concat(Ec2Reversals.all().stream(), IamReversals.all().stream())
                .collect(Collectors.toMap(Reversal::stepId, Function.identity()));
        List<JsonNode> applied = new ArrayList<>();
        incident.path("steps").forEach(step -> {
            if ("applied".equals(step.path("result").asText()) && reversals.containsKey(step.path("step").asText())) {
                applied.add(0, step);
            }
        });
        return applied.stream().map(step -> reversals.get(step.path("step").asText())
                .release(step.path("prior"), step.path("target").asText(), scene.emulator().admin())).toList();
    }

    @Test
    void sameFinding_deliveredTwice_actsOnce() {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);
        ObjectNode finding = InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION);
        deliver(finding);
        scene.emulator().account().takeAlerts();
        scene.recorder().clear();

        List<ObjectNode> again = deliver(finding);

        assertThat(incident(again).path("claim").asText()).isEqualTo("duplicate");
        assertThat(scene.recorder().actions(FUNCTION)).noneMatch(a -> a.startsWith("ec2:") || a.startsWith("iam:")
                || a.equals("sns:Publish") || a.equals("events:PutEvents"));
        assertThat(scene.snapshots(REGION, instanceId)).hasSize(2);
        assertThat(scene.emulator().account().takeAlerts()).isEmpty();
    }

    @Test
    void anotherFinding_onAContainedInstance_changesNothingTwice() {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);
        deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

        JsonNode second = incident(deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool-dns.json", instanceId,
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
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true);

        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-ssh-brute-force-victim.json",
                instanceId, REGION)));

        assertThat(incident.path("decision").asText()).isEqualTo("alert_only");
        assertUntouched(instanceId);
        assertThat(hasProfile(instanceId)).isTrue();
        assertThat(scene.emulator().account().takeAlerts()).singleElement().asString()
                .contains("alert_only", "is the target, not the actor");
    }

    @Test
    void planMode_changesNothingButSaysWhatItWouldDo() {
        scene(Mode.PLAN);
        String instanceId = scene.launch(REGION, network, true);
        launchedByDeployBot(instanceId);

        List<ObjectNode> deliveries = deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION));

        JsonNode incident = incident(deliveries);
        assertThat(steps(incident)).isEqualTo(FULL_ORDER);
        assertThat(results(incident).values()).containsOnly("planned", "skipped");
        assertUntouched(instanceId);
        assertThat(hasProfile(instanceId)).isTrue();
        assertThat(scene.ec2(REGION).describeSecurityGroups(r -> r.filters(f -> f.name("tag-key")
                .values("tourniquet:isolation"))).securityGroups()).isEmpty();
        assertThat(scene.iam().listRolePolicies(r -> r.roleName(InstanceScene.ROLE)).policyNames()).isEmpty();
        assertThat(deliveries).hasSize(1);
        assertThat(scene.emulator().account().takeAlerts()).singleElement().asString().contains("(mode: plan)", "would snapshot 2 volume(s)");
    }

    @Test
    void exemptTag_changesNothing() {
        scene(Mode.ENFORCE);
        String instanceId = scene.launch(REGION, network, true,
                Tag.builder().key("tourniquet:exempt").value("forensics-lab").build());

        JsonNode incident = incident(deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json", instanceId, REGION)));

        assertThat(incident.path("decision").asText()).isEqualTo("record_only");
        assertThat(incident.path("rationale").asText()).contains("tourniquet:exempt");
        assertUntouched(instanceId);
        assertThat(hasProfile(instanceId)).isTrue();
    }

    @Test
    void findingOnAnUnknownInstance_isGoneWithoutRetry() {
        scene(Mode.ENFORCE);

        List<ObjectNode> deliveries = deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                "i-0000000000000dead", REGION));

        assertThat(deliveries.get(0).has("error")).isFalse();
        assertThat(incident(deliveries).path("decision").asText()).isEqualTo("resource_gone");
    }

    @Test
    void sweep_credentialContained_stopsAndIsolatesItsInstancesInEveryRegion() {
        scene(Mode.ENFORCE);
        String other = "eu-west-1";
        InstanceScene.Network otherNetwork = scene.network(other);
        String key = scene.deployBotKey();
        String here = scene.launch(REGION, network, false);
        String there = scene.launch(other, otherNetwork, false);
        var spot = scene.ec2(other).requestSpotInstances(r -> r.instanceCount(1).type("persistent").spotPrice("4")
                .launchSpecification(l -> l.imageId("ami-12c6146b").instanceType("g4dn.12xlarge")
                        .subnetId(otherNetwork.subnetId()).securityGroupIds(otherNetwork.webGroupId())))
                .spotInstanceRequests().get(0).spotInstanceRequestId();
        String spotInstance = scene.ec2(other).describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(spot))
                .spotInstanceRequests().get(0).instanceId();
        String someoneElses = scene.launch(REGION, network, false);
        String unrecorded = scene.launch(other, otherNetwork, false);
        deliver(InstanceScene.launched(here, REGION, key));
        deliver(InstanceScene.launched(there, other, key));
        deliver(InstanceScene.spotRequested(spot, other, key));
        deliver(InstanceScene.launched(someoneElses, REGION, "AKIAOTHERKEY00000000"));

        List<ObjectNode> deliveries = deliver(InstanceScene.contained(key));

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).containsExactly("InstanceSweepRule");
        JsonNode incidents = deliveries.get(0).path("response").path("incidents");
        assertThat(incidents.findValuesAsText("subject")).containsExactlyInAnyOrder(here, there, spotInstance);
        for (String[] swept : new String[][] {{REGION, here}, {other, there}, {other, spotInstance}}) {
            Instance instance = scene.instance(swept[0], swept[1]);
            assertThat(instance.state().name()).as(swept[1]).isEqualTo(InstanceStateName.STOPPED);
            assertThat(group(swept[0], groupIds(instance).get(0)).groupName()).startsWith("tourniquet-isolation-");
        }
        assertThat(scene.instance(REGION, someoneElses).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(groupIds(scene.instance(REGION, someoneElses))).containsExactly(network.webGroupId());
        assertThat(scene.instance(other, unrecorded).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(incidents.findValuesAsText("step")).doesNotContain("emit-credential-compromised");
        assertThat(scene.recorder().regions(FUNCTION)).contains(REGION, other);
    }

    private SecurityGroup group(String region, String groupId) {
        return scene.ec2(region).describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        assertThat(PERFORMED).contains("ec2:CreateSnapshots", "ec2:CreateSecurityGroup",
                "ec2:RevokeSecurityGroupEgress", "ec2:ModifyInstanceAttribute", "ec2:StopInstances",
                "ec2:DisassociateIamInstanceProfile", "autoscaling:DetachInstances", "iam:PutRolePolicy",
                "iam:GetInstanceProfile", "ec2:DescribeSpotInstanceRequests", "dynamodb:Query", "events:PutEvents");
        assertThat(new LeastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
