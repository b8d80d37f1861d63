package dev.tourniquet.it;

import dev.tourniquet.cli.simulate.EcsCreationTimes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * ECS on moto server for the workload holds' tests: a Fargate cluster {@value #CLUSTER} in {@value #REGION} with a
 * miner's and a web task definition, the owner's user and the attacker's {@code deploy-bot} with a key each; tasks run
 * and services created through the {@link EcsCreationTimes} stand-in (so that they carry AWS's {@code createdAt}), and
 * the CloudTrail {@code RunTask} record of a task as EventBridge delivers it, built from
 * {@code events/cloudtrail-ecs-run-task.json}.
 */
final class EcsWorkloadScene {
    static final String REGION = "us-east-1";
    static final String CLUSTER = "web-prod";

    private final Emulator emulator;
    private final String region;
    private final String subnet;
    private final String securityGroup;
    final String attackerKey;
    final String ownerKey;

    EcsWorkloadScene(Emulator emulator) {
        this(emulator, REGION);
    }

    /** The same scene with its cluster in {@code region}. */
    EcsWorkloadScene(Emulator emulator, String region) {
        this(emulator, region, true);
    }

    /** A cluster of its own in {@code region}, in an account whose users another scene made. */
    static EcsWorkloadScene withoutUsers(Emulator emulator, String region) {
        return new EcsWorkloadScene(emulator, region, false);
    }

    private EcsWorkloadScene(Emulator emulator, String region, boolean users) {
        this.emulator = emulator;
        this.region = region;
        IamClient iam = emulator.admin().iam();
        if (users) {
            iam.createUser(r -> r.userName("deploy-bot"));
            iam.createUser(r -> r.userName("owner"));
        }
        attackerKey = users ? iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId() : "";
        ownerKey = users ? iam.createAccessKey(r -> r.userName("owner")).accessKey().accessKeyId() : "";
        // Fargate's awsvpc tasks need a real subnet: moto's default VPC has one per zone.
        var ec2 = emulator.admin().client("ec2", region, software.amazon.awssdk.services.ec2.Ec2Client::builder);
        subnet = ec2.describeSubnets().subnets().get(0).subnetId();
        securityGroup = ec2.describeSecurityGroups().securityGroups().get(0).groupId();
        ecs().createCluster(r -> r.clusterName(CLUSTER));
        for (String family : new String[] {"xmrig", "web"}) {
            ecs().registerTaskDefinition(r -> r.family(family).requiresCompatibilitiesWithStrings("FARGATE")
                    .networkMode("awsvpc").cpu("4096").memory("8192").containerDefinitions(c -> c.name(family)
                            .image(family.equals("xmrig") ? "docker.io/metal3d/xmrig:latest" : "nginx:1.27")
                            .essential(true).cpu(4096).memory(8192)));
        }
    }

    EcsClient ecs() {
        return emulator.admin().client("ecs", region, EcsClient::builder);
    }

    /** Runs one Fargate task of {@code family}; its ARN. */
    String runTask(String family) {
        Task task = ecs().runTask(r -> r.cluster(CLUSTER).taskDefinition(family).launchType(LaunchType.FARGATE)
                .count(1).networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(subnet).securityGroups(securityGroup)))).tasks()
                .get(0);
        return task.taskArn();
    }

    /** Creates a Fargate service of one task; its ARN. */
    String createService(String name, String family) {
        return ecs().createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(family).desiredCount(1)
                .launchType(LaunchType.FARGATE).networkConfiguration(n -> n.awsvpcConfiguration(a -> a
                        .subnets(subnet).securityGroups(securityGroup)))).service().serviceArn();
    }

    /** The task's desired status now ({@code RUNNING}, {@code STOPPED}). */
    String desiredStatus(String taskArn) {
        return ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(taskArn)).tasks().get(0).desiredStatus();
    }

    /** The service's desired count now. */
    int desiredCount(String serviceArn) {
        return ecs().describeServices(r -> r.cluster(CLUSTER).services(serviceArn)).services().get(0).desiredCount();
    }

    /** The CloudTrail record of {@code user}'s key running {@code taskArn} at {@code at}, as EventBridge delivers it. */
    static ObjectNode runTaskRecord(String taskArn, String user, String key, Instant at) {
        String region = taskArn.split(":")[3];
        ObjectNode event = Emulator.sample("cloudtrail-ecs-run-task.json");
        event.put("id", UUID.randomUUID().toString()).put("region", region).put("time", at.toString());
        ObjectNode record = (ObjectNode) event.path("detail");
        record.put("eventID", UUID.randomUUID().toString()).put("awsRegion", region).put("eventTime", at.toString());
        ((ObjectNode) record.path("userIdentity")).put("arn", "arn:aws:iam::123456789012:user/" + user)
                .put("accessKeyId", key).put("userName", user);
        ((ObjectNode) record.path("requestParameters")).put("cluster", CLUSTER);
        ObjectNode task = (ObjectNode) record.path("responseElements").path("tasks").path(0);
        task.put("taskArn", taskArn).put("clusterArn", "arn:aws:ecs:" + region + ":123456789012:cluster/" + CLUSTER);
        task.path("containers").forEach(c -> ((ObjectNode) c).put("taskArn", taskArn));
        return event;
    }
}
