package dev.tourniquet.it;

import static dev.tourniquet.it.InstanceScene.REGION;
import static dev.tourniquet.it.InstanceScene.groupIds;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.ec2.model.DefaultTargetCapacityType;
import software.amazon.awssdk.services.ec2.model.FleetType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * What relaunches a stopped instance, through the real handlers on the emulator: a contained key's Auto Scaling group
 * (made by it, or following a launch template it made) is scaled to zero with its instances kept and restored by a
 * release; an owner's group only loses the instance; the key's Spot Fleet is set to zero and its persistent Spot
 * request cancelled, neither terminating anything; a one-time Spot instance is isolated and snapshotted, and
 * terminated only where irreversible actions are allowed.
 */
class RespawningShapesIT {
    private static final String AMI = "ami-12c6146b";

    @Test
    void sweep_groupTheKeyCreated_isScaledToZeroKeepingItsInstances_andReleaseRestoresIt() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        List<String> members = group(scene, "xmrig-asg", t -> t.launchTemplateName("xmrig-asg"));
        scene.deliver(record("cloudtrail-autoscaling-create-auto-scaling-group.json", key,
                request -> request.put("autoScalingGroupName", "xmrig-asg")));

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        assertThat(sweep.path("incidents").findValuesAsText("subject")).containsExactlyInAnyOrderElementsOf(members);
        AutoScalingGroup group = describe(scene, "xmrig-asg");
        assertThat(List.of(group.minSize(), group.maxSize(), group.desiredCapacity())).containsOnly(0);
        assertThat(group.suspendedProcesses()).extracting(SuspendedProcess::processName)
                .contains("Launch", "ReplaceUnhealthy");
        assertThat(group.instances()).extracting(i -> i.instanceId()).containsExactlyInAnyOrderElementsOf(members);
        members.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).as(id)
                .isEqualTo(InstanceStateName.STOPPED));
        assertThat(sweep.path("incidents").findValuesAsText("step")).contains("scale-auto-scaling-group-to-zero")
                .doesNotContain("detach-from-auto-scaling-group");

        sweep.path("incidents").forEach(scene::release);

        AutoScalingGroup restored = describe(scene, "xmrig-asg");
        assertThat(List.of(restored.minSize(), restored.maxSize(), restored.desiredCapacity())).containsExactly(2, 4, 2);
        assertThat(restored.suspendedProcesses()).isEmpty();
        assertThat(restored.instances()).allSatisfy(i -> assertThat(i.protectedFromScaleIn()).isFalse());
        members.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).as(id)
                .isEqualTo(InstanceStateName.RUNNING));
    }

    @Test
    void lateGroupRecord_ofAContainedKey_scalesTheGroupToZero() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        scene.containKey(key);
        List<String> members = group(scene, "late-asg", t -> t.launchTemplateName("late-asg"));

        List<ObjectNode> deliveries = scene.deliver(record("cloudtrail-autoscaling-create-auto-scaling-group.json", key,
                request -> request.put("autoScalingGroupName", "late-asg")));

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("LateInstanceRecordRule");
        assertThat(describe(scene, "late-asg").maxSize()).isZero();
        members.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).isEqualTo(InstanceStateName.STOPPED));
    }

    @Test
    void sweep_inPlanMode_plansTheScaleAndChangesNothing() {
        InstanceScene scene = InstanceScene.fresh(Mode.PLAN);
        String key = scene.deployBotKey();
        List<String> members = group(scene, "xmrig-asg", t -> t.launchTemplateName("xmrig-asg"));
        scene.deliver(record("cloudtrail-autoscaling-create-auto-scaling-group.json", key,
                request -> request.put("autoScalingGroupName", "xmrig-asg")));

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        assertThat(sweep.path("incidents")).allSatisfy(incident -> assertThat(InstanceScene.results(incident))
                .containsEntry("scale-auto-scaling-group-to-zero", "planned"));
        AutoScalingGroup group = describe(scene, "xmrig-asg");
        assertThat(List.of(group.minSize(), group.maxSize(), group.desiredCapacity())).containsExactly(2, 4, 2);
        assertThat(group.suspendedProcesses()).isEmpty();
        members.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).isEqualTo(InstanceStateName.RUNNING));
    }

    @Test
    void sweep_groupFollowingALaunchTemplateTheKeyCreated_isScaledToZero() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        List<String> members = group(scene, "web-tier", t -> t.launchTemplateName("web-tier"));
        String template = scene.ec2(REGION).describeLaunchTemplates(r -> r.launchTemplateNames("web-tier"))
                .launchTemplates().get(0).launchTemplateId();
        ObjectNode created = record("cloudtrail-ec2-create-launch-template-version.json", key, request -> { });
        ((ObjectNode) created.at("/detail/responseElements/CreateLaunchTemplateVersionResponse/launchTemplateVersion"))
                .put("launchTemplateId", template).put("launchTemplateName", "web-tier");
        scene.deliver(created);

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        assertThat(sweep.path("incidents").findValuesAsText("subject")).containsExactlyInAnyOrderElementsOf(members);
        assertThat(describe(scene, "web-tier").maxSize()).isZero();
        members.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).isEqualTo(InstanceStateName.STOPPED));
    }

    @Test
    void finding_onAnInstanceOfTheOwnersGroup_onlyDetachesIt() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String instanceId = scene.inAutoScalingGroup("owners");

        JsonNode incident = InstanceScene.incident(scene.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                instanceId, REGION)));

        assertThat(InstanceScene.results(incident)).containsEntry("detach-from-auto-scaling-group", "applied")
                .doesNotContainKey("scale-auto-scaling-group-to-zero");
        AutoScalingGroup group = describe(scene, "owners");
        assertThat(group.maxSize()).isEqualTo(2);
        assertThat(group.suspendedProcesses()).isEmpty();
        assertThat(group.instances()).extracting(i -> i.instanceId()).doesNotContain(instanceId);
    }

    @Test
    void sweep_spotFleetTheKeyRequested_isSetToZeroTerminatingNothing_andReleaseRestoresIt() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        String fleet = scene.ec2(REGION).requestSpotFleet(r -> r.spotFleetRequestConfig(c -> c.targetCapacity(2)
                .spotPrice("4").iamFleetRole("arn:aws:iam::123456789012:role/fleet").allocationStrategy("lowestPrice")
                .launchSpecifications(l -> l.imageId(AMI).instanceType("g4dn.12xlarge")
                        .subnetId(scene.network().subnetId())))).spotFleetRequestId();
        List<String> instances = scene.ec2(REGION).describeSpotFleetInstances(r -> r.spotFleetRequestId(fleet))
                .activeInstances().stream().map(i -> i.instanceId()).toList();
        ObjectNode requested = record("cloudtrail-ec2-request-spot-fleet.json", key, request -> { });
        ((ObjectNode) requested.at("/detail/responseElements/RequestSpotFleetResponse"))
                .put("spotFleetRequestId", fleet);
        scene.deliver(requested);

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        assertThat(instances).hasSize(2);
        assertThat(sweep.path("incidents").findValuesAsText("subject")).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(fleetCapacity(scene, fleet)).isZero();
        instances.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).as(id)
                .isEqualTo(InstanceStateName.STOPPED));

        sweep.path("incidents").forEach(scene::release);

        assertThat(fleetCapacity(scene, fleet)).isEqualTo(2);
    }

    @Test
    void sweep_requestTypeEc2FleetOfTheKey_isDeletedWithoutTerminatingItsInstances() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        String template = scene.ec2(REGION).createLaunchTemplate(r -> r.launchTemplateName("gpu-fleet")
                .launchTemplateData(d -> d.imageId(AMI).instanceType("g4dn.12xlarge"))).launchTemplate()
                .launchTemplateId();
        String fleet = scene.ec2(REGION).createFleet(r -> r.type(FleetType.REQUEST)
                .targetCapacitySpecification(t -> t.totalTargetCapacity(2)
                        .defaultTargetCapacityType(DefaultTargetCapacityType.SPOT))
                .launchTemplateConfigs(c -> c.launchTemplateSpecification(l -> l.launchTemplateId(template)
                        .version("$Latest")))).fleetId();
        List<String> instances = scene.ec2(REGION).describeFleetInstances(r -> r.fleetId(fleet)).activeInstances()
                .stream().map(i -> i.instanceId()).toList();
        ObjectNode created = record("cloudtrail-ec2-create-fleet.json", key, request -> { });
        ((ObjectNode) created.at("/detail/responseElements/CreateFleetResponse")).put("fleetId", fleet);
        scene.deliver(created);

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        assertThat(instances).isNotEmpty();
        assertThat(sweep.path("incidents").findValuesAsText("subject")).containsExactlyInAnyOrderElementsOf(instances);
        assertThat(sweep.path("incidents").findValuesAsText("step")).contains("cancel-launch-request")
                .doesNotContain("set-fleet-capacity-zero");
        assertThat(scene.ec2(REGION).describeFleets(r -> r.fleetIds(fleet)).fleets().get(0).fleetStateAsString())
                .isEqualTo("deleted_running");
        instances.forEach(id -> assertThat(scene.instance(REGION, id).state().name()).as(id)
                .isEqualTo(InstanceStateName.STOPPED));
    }

    @Test
    void sweep_persistentSpotRequestOfTheKey_isCancelledAfterTheStop_keepingItsInstance() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        String[] spot = spot(scene, "persistent");
        scene.deliver(InstanceScene.spotRequested(spot[0], REGION, key));

        JsonNode sweep = sweep(scene.deliver(InstanceScene.contained(key)));

        JsonNode incident = sweep.path("incidents").get(0);
        assertThat(InstanceScene.results(incident)).containsEntry("stop-instance", "applied")
                .containsEntry("cancel-launch-request", "applied");
        assertThat(scene.instance(REGION, spot[1]).state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(scene.ec2(REGION).describeSpotInstanceRequests(r -> r.filters(f -> f.name("spot-instance-request-id")
                .values(spot[0]))).spotInstanceRequests()).allSatisfy(s -> assertThat(s.stateAsString())
                .isEqualTo("cancelled"));
    }

    @Test
    void sweep_oneTimeSpotInstance_isIsolatedAndSnapshotted_andLeftRunning() {
        InstanceScene scene = InstanceScene.fresh(Mode.ENFORCE);
        String key = scene.deployBotKey();
        String[] spot = spot(scene, "one-time");
        scene.deliver(InstanceScene.spotRequested(spot[0], REGION, key));

        JsonNode incident = sweep(scene.deliver(InstanceScene.contained(key))).path("incidents").get(0);

        assertThat(InstanceScene.steps(incident)).contains("isolate-network", "snapshot-volumes")
                .doesNotContain("stop-instance", "terminate-instance");
        assertThat(incident.toString()).contains("AllowIrreversibleActions is off");
        assertThat(scene.instance(REGION, spot[1]).state().name()).isEqualTo(InstanceStateName.RUNNING);
        assertThat(scene.group(REGION, groupIds(scene.instance(REGION, spot[1])).get(0)).groupName())
                .startsWith("tourniquet-isolation-");
    }

    @Test
    void sweep_oneTimeSpotInstance_isTerminatedAfterItsEvidence_whereIrreversibleActionsAreAllowed() {
        InstanceScene scene = InstanceScene.on(Emulator.fresh(Mode.ENFORCE, List.of(),
                c -> c.toBuilder().irreversibleActions(true).build(), List.of()));
        String key = scene.deployBotKey();
        String[] spot = spot(scene, "one-time");
        scene.deliver(InstanceScene.spotRequested(spot[0], REGION, key));

        JsonNode incident = sweep(scene.deliver(InstanceScene.contained(key))).path("incidents").get(0);

        List<String> steps = InstanceScene.steps(incident);
        assertThat(steps.indexOf("terminate-instance")).isGreaterThan(steps.indexOf("snapshot-volumes"));
        assertThat(InstanceScene.results(incident)).containsEntry("terminate-instance", "applied");
        assertThat(scene.instance(REGION, spot[1]).state().name())
                .isIn(InstanceStateName.SHUTTING_DOWN, InstanceStateName.TERMINATED);
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        InstanceScene.assertLeastPrivilege();
    }

    // ------------------------------------------------------------------ the scene

    /** A group of 2 (min 2, max 4) from a new launch template of the same name; returns its instances. */
    static List<String> group(InstanceScene scene, String name,
                                      Consumer<software.amazon.awssdk.services.autoscaling.model
                                              .LaunchTemplateSpecification.Builder> template) {
        scene.ec2(REGION).createLaunchTemplate(r -> r.launchTemplateName(name)
                .launchTemplateData(d -> d.imageId(AMI).instanceType("g4dn.12xlarge")));
        scene.autoScaling(REGION).createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(2).maxSize(4)
                .desiredCapacity(2).vpcZoneIdentifier(scene.network().subnetId()).launchTemplate(template));
        return describe(scene, name).instances().stream().map(i -> i.instanceId()).toList();
    }

    static AutoScalingGroup describe(InstanceScene scene, String name) {
        return scene.autoScaling(REGION).describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().get(0);
    }

    private static int fleetCapacity(InstanceScene scene, String fleet) {
        return scene.ec2(REGION).describeSpotFleetRequests(r -> r.spotFleetRequestIds(fleet)).spotFleetRequestConfigs()
                .get(0).spotFleetRequestConfig().targetCapacity();
    }

    /** A Spot request of this type with its instance: {request id, instance id}. */
    private static String[] spot(InstanceScene scene, String type) {
        String request = scene.ec2(REGION).requestSpotInstances(r -> r.instanceCount(1).type(type).spotPrice("4")
                .launchSpecification(l -> l.imageId(AMI).instanceType("g4dn.12xlarge")
                        .subnetId(scene.network().subnetId()).securityGroupIds(scene.network().webGroupId())))
                .spotInstanceRequests().get(0).spotInstanceRequestId();
        String instance = scene.ec2(REGION).describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(request))
                .spotInstanceRequests().get(0).instanceId();
        return new String[] {request, instance};
    }

    /** A sample CloudTrail record of deploy-bot's {@code key} in {@value InstanceScene#REGION}, its request adjusted. */
    static ObjectNode record(String sample, String key, Consumer<ObjectNode> request) {
        ObjectNode event = Emulator.sample(sample);
        event.put("region", REGION).put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("awsRegion", REGION).put("eventID", UUID.randomUUID().toString());
        ((ObjectNode) detail.path("userIdentity")).put("accessKeyId", key);
        request.accept((ObjectNode) detail.path("requestParameters"));
        return event;
    }

    private static JsonNode sweep(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("rule").asText().equals("InstanceSweepRule")).findFirst()
                .orElseThrow().path("response");
    }
}
