package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.internal.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An emulated account for the instance function's tests: VPCs, instances with two volumes and an instance
 * profile, and the events that name them. Deliveries go through the template's rules into the real handlers
 * ({@link Emulator}); each function's calls are recorded apart, because an instance finding chains into the
 * credential function and back.
 */
final class InstanceScene {
    static final String REGION = "ap-southeast-1";
    static final String FUNCTION = "IsolateInstanceFunction";
    static final String PROFILE = "xmrig-ec2-profile";
    static final String ROLE = "xmrig-ec2-role";

    /** Every action the instance function performed in any test, for the least-privilege checks. */
    static final Set<String> PERFORMED = new TreeSet<>();

    private final Emulator emulator;
    private final Network network;

    /** A VPC with a subnet and a security group open to SSH. */
    record Network(String vpcId, String subnetId, String webGroupId) {
    }

    private InstanceScene(Emulator emulator) {
        this.emulator = emulator;
        this.network = network(REGION);
        instanceProfile();
    }

    /** A fresh account with a network in {@value #REGION} and the instance profile {@value #PROFILE}. */
    static InstanceScene fresh(Mode mode) {
        return on(Emulator.fresh(mode, List.of()));
    }

    /** The same scene on a given emulated account (one that injects faults, for example). */
    static InstanceScene on(Emulator emulator) {
        return new InstanceScene(emulator);
    }

    Network network() {
        return network;
    }

    Emulator emulator() {
        return emulator;
    }

    /** The calls of the instance function only (a chain runs several functions). */
    OperationRecorder recorder() {
        return emulator.recorder(FUNCTION);
    }

    List<ObjectNode> deliver(ObjectNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(recorder().actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    Ec2Client ec2(String region) {
        return emulator.admin().client("ec2", region, Ec2Client::builder);
    }

    AutoScalingClient autoScaling(String region) {
        return emulator.admin().client("autoscaling", region, AutoScalingClient::builder);
    }

    IamClient iam() {
        return emulator.admin().iam();
    }

    Network network(String region) {
        Ec2Client ec2 = ec2(region);
        String vpc = ec2.createVpc(r -> r.cidrBlock("10.30.0.0/16")).vpc().vpcId();
        String subnet = ec2.createSubnet(r -> r.vpcId(vpc).cidrBlock("10.30.1.0/24").availabilityZone(region + "a"))
                .subnet().subnetId();
        String web = ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName("web").description("ssh")).groupId();
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(web).ipPermissions(p -> p.ipProtocol("tcp").fromPort(22)
                .toPort(22).ipRanges(ip -> ip.cidrIp("0.0.0.0/0"))));
        return new Network(vpc, subnet, web);
    }

    /** The instance profile {@value #PROFILE} holding role {@value #ROLE}. */
    private void instanceProfile() {
        iam().createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}"""));
        iam().createInstanceProfile(r -> r.instanceProfileName(PROFILE));
        iam().addRoleToInstanceProfile(r -> r.instanceProfileName(PROFILE).roleName(ROLE));
    }

    /** An instance with a root and a data volume (both deleted on termination), the profile if it exists. */
    String launch(String region, Network network, boolean withProfile, Tag... tags) {
        return ec2(region).runInstances(r -> {
            r.imageId("ami-12c6146b").instanceType("g4dn.12xlarge").minCount(1).maxCount(1)
                    .subnetId(network.subnetId()).securityGroupIds(network.webGroupId())
                    .blockDeviceMappings(volume("/dev/sda1", 8), volume("/dev/sdf", 100));
            if (withProfile) {
                r.iamInstanceProfile(p -> p.name(PROFILE));
            }
            if (tags.length > 0) {
                r.tagSpecifications(t -> t.resourceType("instance").tags(tags));
            }
        }).instances().get(0).instanceId();
    }

    private static BlockDeviceMapping volume(String device, int gib) {
        return BlockDeviceMapping.builder().deviceName(device)
                .ebs(e -> e.volumeSize(gib).deleteOnTermination(true)).build();
    }

    /** An instance of an Auto Scaling group at its minimum size (1), launched from a template. */
    String inAutoScalingGroup(String name) {
        ec2(REGION).createLaunchTemplate(r -> r.launchTemplateName(name)
                .launchTemplateData(d -> d.imageId("ami-12c6146b").instanceType("g4dn.12xlarge")));
        autoScaling(REGION).createAutoScalingGroup(r -> r.autoScalingGroupName(name).minSize(1).maxSize(2)
                .desiredCapacity(1).vpcZoneIdentifier(network.subnetId())
                .launchTemplate(t -> t.launchTemplateName(name)));
        return autoScaling(REGION).describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
                .autoScalingGroups().get(0).instances().get(0).instanceId();
    }

    /** Delivers the CloudTrail record of deploy-bot launching this instance; returns the key it used. */
    String launchedByDeployBot(String instanceId) {
        String key = deployBotKey();
        deliver(launched(instanceId, REGION, key));
        return key;
    }

    /** Contains {@code key} as AWS Health's exposed-key event would (delivered without faults). */
    void containKey(String key) {
        ObjectNode exposed = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) exposed.at("/detail/affectedEntities/0")).put("entityValue", key);
        deliver(exposed);
    }

    /** A fresh access key of deploy-bot (the user is created on first use). */
    String deployBotKey() {
        if (iam().listUsers().users().stream().noneMatch(u -> u.userName().equals("deploy-bot"))) {
            iam().createUser(r -> r.userName("deploy-bot"));
        }
        return iam().createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
    }

    Instance instance(String region, String instanceId) {
        return ec2(region).describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    List<Snapshot> snapshots(String region, String instanceId) {
        return ec2(region).describeSnapshots(r -> r.ownerIds("self").filters(f -> f.name("tag:tourniquet:instance")
                .values(instanceId))).snapshots();
    }

    // ------------------------------------------------------------------ events naming this scene's resources

    static ObjectNode finding(String sample, String instanceId, String region) {
        ObjectNode event = Emulator.sample(sample);
        event.put("region", region).put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("region", region);
        ((ObjectNode) detail.path("resource").path("instanceDetails")).put("instanceId", instanceId);
        return event;
    }

    static ObjectNode launched(String instanceId, String region, String accessKeyId) {
        ObjectNode event = trail("cloudtrail-ec2-run-instances.json", region, accessKeyId);
        ((ObjectNode) event.path("detail").path("responseElements").path("instancesSet").path("items").get(0))
                .put("instanceId", instanceId);
        return event;
    }

    static ObjectNode spotRequested(String spotRequestId, String region, String accessKeyId) {
        ObjectNode event = trail("cloudtrail-ec2-request-spot-instances.json", region, accessKeyId);
        ArrayNode items = (ArrayNode) event.path("detail").path("responseElements").path("spotInstanceRequestSet")
                .path("items");
        ((ObjectNode) items.get(0)).put("spotInstanceRequestId", spotRequestId);
        while (items.size() > 1) {
            items.remove(1);
        }
        return event;
    }

    private static ObjectNode trail(String sample, String region, String accessKeyId) {
        ObjectNode event = Emulator.sample(sample);
        event.put("region", region).put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("awsRegion", region).put("eventID", UUID.randomUUID().toString());
        ((ObjectNode) detail.path("userIdentity")).put("accessKeyId", accessKeyId);
        return event;
    }

    /** Tourniquet's "Credential Contained" chain event for a key of deploy-bot. */
    static ObjectNode contained(String accessKeyId) {
        ObjectNode event = Emulator.sample("tourniquet-credential-contained.json");
        event.put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.path("detail")).put("accessKeyId", accessKeyId).put("incidentId", "inc-test-contained");
        return event;
    }

    // ------------------------------------------------------------------ reading the results

    static JsonNode incident(List<ObjectNode> deliveries) {
        return deliveries.get(0).path("response").path("incidents").get(0);
    }

    static List<String> steps(JsonNode incident) {
        return incident.path("steps").findValuesAsText("step");
    }

    static Map<String, String> results(JsonNode incident) {
        Map<String, String> results = new LinkedHashMap<>();
        incident.path("steps").forEach(s -> results.put(s.path("step").asText(), s.path("result").asText()));
        return results;
    }

    static List<String> groupIds(Instance instance) {
        return instance.securityGroups().stream().map(GroupIdentifier::groupId).toList();
    }

    SecurityGroup group(String region, String groupId) {
        return ec2(region).describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    boolean terminationProtected(String instanceId) {
        return ec2(REGION).describeInstanceAttribute(r -> r.instanceId(instanceId)
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value();
    }

    boolean hasProfile(String instanceId) {
        return ec2(REGION).describeIamInstanceProfileAssociations(r -> r.filters(f -> f.name("instance-id")
                .values(instanceId))).iamInstanceProfileAssociations().stream()
                .anyMatch(a -> a.stateAsString().startsWith("associat"));
    }

    /** Runs {@code ./tourniquet release} on the incident; returns what it restored. */
    List<String> release(JsonNode incident) {
        return Releases.release(emulator, incident.path("incidentId").asText());
    }

    /** Every action performed so far is granted to the function in template.yaml. */
    static void assertLeastPrivilege() {
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
