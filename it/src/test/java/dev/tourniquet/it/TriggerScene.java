package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.LaunchType;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * A miner's ECS task and what restarts it: EventBridge rules and Scheduler schedules running its task definition on its
 * cluster, beside the owner's rules and schedules for another family. The task is run on the emulator and reaches the
 * stop-workload function as the credential sweep finds it (the key's {@code RunTask} record, then its containment).
 */
final class TriggerScene {
    static final String REGION = Emulator.REGION;
    static final String FUNCTION = "StopWorkloadFunction";
    static final String ACCOUNT = "123456789012";
    static final String CLUSTER = "miners";
    static final String CLUSTER_ARN = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":cluster/" + CLUSTER;
    static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/events-run-task";

    /** Every action the workload function performed in any test, for the least-privilege checks. */
    static final Set<String> PERFORMED = new TreeSet<>();

    private final Emulator emulator;

    private TriggerScene(Emulator emulator) {
        this.emulator = emulator;
    }

    static TriggerScene fresh(Mode mode) {
        return on(Emulator.fresh(mode, List.of()));
    }

    static TriggerScene on(Emulator emulator) {
        TriggerScene scene = new TriggerScene(emulator);
        scene.ecs().createCluster(r -> r.clusterName(CLUSTER));
        scene.iam().createRole(r -> r.roleName("events-run-task").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}"""));
        return scene;
    }

    Emulator emulator() {
        return emulator;
    }

    EventBridgeClient events() {
        return emulator.admin().client("events", REGION, EventBridgeClient::builder);
    }

    SchedulerClient scheduler() {
        return emulator.admin().client("scheduler", REGION, SchedulerClient::builder);
    }

    EcsClient ecs() {
        return emulator.admin().client("ecs", REGION, EcsClient::builder);
    }

    IamClient iam() {
        return emulator.admin().iam();
    }

    /** A task definition of {@code family} (revision 1), and its ARN. */
    String taskDefinition(String family) {
        return ecs().registerTaskDefinition(r -> r.family(family).requiresCompatibilities(
                software.amazon.awssdk.services.ecs.model.Compatibility.FARGATE).networkMode("awsvpc").cpu("4096")
                .memory("8192").containerDefinitions(c -> c.name(family).image("docker.io/metal3d/xmrig:latest").cpu(4096).memory(8192)))
                .taskDefinition().taskDefinitionArn();
    }

    /**
     * A Fargate task of the definition on the miners' cluster, as the key's {@code RunTask} answered. The emulator's
     * RunTask of an awsvpc task fails (moto's network interfaces lack a DNS name), so the task is the record's alone:
     * the trigger cuts read rules and schedules, never the task.
     */
    Task runTask(String taskDefinitionArn) {
        return Task.builder().taskArn("arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":task/" + CLUSTER + "/"
                + UUID.randomUUID().toString().replace("-", "")).clusterArn(CLUSTER_ARN)
                .taskDefinitionArn(taskDefinitionArn).build();
    }

    /** An ECS target running {@code taskDefinitionArn} on the miners' cluster, as {@code PutTargets} sends it. */
    static Target ecsTarget(String id, String taskDefinitionArn) {
        return Target.builder().id(id).arn(CLUSTER_ARN).roleArn(ROLE_ARN)
                .ecsParameters(e -> e.taskDefinitionArn(taskDefinitionArn).taskCount(1).launchType(LaunchType.FARGATE)
                        .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-0a1b2c3d4e5f60718")
                                .assignPublicIp("ENABLED"))))
                .build();
    }

    /** A rule every 3 minutes with these targets. */
    void rule(String name, Target... targets) {
        events().putRule(r -> r.name(name).scheduleExpression("rate(3 minutes)"));
        events().putTargets(r -> r.rule(name).targets(targets));
    }

    List<Target> targets(String rule) {
        return events().listTargetsByRule(r -> r.rule(rule)).targets();
    }

    String ruleState(String rule) {
        return events().describeRule(r -> r.name(rule)).stateAsString();
    }

    /** A schedule with a templated ECS target running {@code taskDefinitionArn} on the miners' cluster. */
    void ecsSchedule(String name, String taskDefinitionArn) {
        scheduler().createSchedule(r -> r.name(name).scheduleExpression("rate(3 minutes)")
                .flexibleTimeWindow(f -> f.mode("OFF")).target(t -> t.arn(CLUSTER_ARN).roleArn(ROLE_ARN)
                        .ecsParameters(e -> e.taskDefinitionArn(taskDefinitionArn).taskCount(1)
                                .launchType("FARGATE"))));
    }

    /** A schedule with a universal target calling {@code ecs:runTask} on the miners' cluster. */
    void universalRunTask(String name, String family) {
        scheduler().createSchedule(r -> r.name(name).scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(f -> f.mode("OFF")).target(t -> t.arn("arn:aws:scheduler:::aws-sdk:ecs:runTask")
                        .roleArn(ROLE_ARN).input("{\"Cluster\":\"" + CLUSTER + "\",\"TaskDefinition\":\"" + family
                                + "\",\"LaunchType\":\"FARGATE\"}")));
    }

    /** A schedule with a universal target ({@code arn:aws:scheduler:::aws-sdk:SERVICE:ACTION}) and this input. */
    void universal(String name, String action, String input) {
        scheduler().createSchedule(r -> r.name(name).scheduleExpression("rate(5 minutes)")
                .flexibleTimeWindow(f -> f.mode("OFF")).target(t -> t.arn("arn:aws:scheduler:::aws-sdk:" + action)
                        .roleArn(ROLE_ARN).input(input)));
    }

    /** The key's {@code PutTargets} record putting {@code targetArn} on {@code rule}, as CloudTrail delivers it. */
    static ObjectNode keyPutTargets(String key, String rule, String targetArn) {
        ObjectNode event = record("cloudtrail-events-put-targets-codepipeline.json", key);
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.put("rule", rule);
        ((ObjectNode) request.path("targets").get(0)).put("arn", targetArn);
        return event;
    }

    /** The key's {@code CreateSchedule} record of a universal target, as CloudTrail delivers it. */
    static ObjectNode keyCreateSchedule(String key, String name, String action, String input) {
        ObjectNode event = record("cloudtrail-scheduler-create-schedule-codebuild.json", key);
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.put("name", name);
        ((ObjectNode) request.path("target")).put("arn", "arn:aws:scheduler:::aws-sdk:" + action).put("input", input);
        ((ObjectNode) event.at("/detail/responseElements")).put("scheduleArn", scheduleArn(name));
        return event;
    }

    static String ruleArn(String name) {
        return "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + name;
    }

    static String scheduleArn(String name) {
        return "arn:aws:scheduler:" + REGION + ":" + ACCOUNT + ":schedule/default/" + name;
    }

    private static ObjectNode record(String sample, String key) {
        ObjectNode event = TrailRecord.of(sample, REGION, key);
        ((ObjectNode) event.path("detail")).put("eventTime", java.time.Instant.now().toString());
        return event;
    }

    /** The schedule enabled again, its definition otherwise as it is (UpdateSchedule replaces it whole). */
    void enableSchedule(String name) {
        var s = scheduler().getSchedule(r -> r.name(name));
        scheduler().updateSchedule(r -> r.name(name).groupName(s.groupName()).scheduleExpression(s.scheduleExpression())
                .flexibleTimeWindow(s.flexibleTimeWindow()).target(s.target()).state("ENABLED"));
    }

    String scheduleState(String name) {
        return scheduler().getSchedule(r -> r.name(name)).stateAsString();
    }

    /** A fresh access key of deploy-bot. */
    String deployBotKey() {
        if (iam().listUsers().users().stream().noneMatch(u -> u.userName().equals("deploy-bot"))) {
            iam().createUser(r -> r.userName("deploy-bot"));
        }
        return iam().createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
    }

    List<ObjectNode> deliver(ObjectNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    /** The key's {@code RunTask} record of {@code task}, as CloudTrail delivers it. */
    static ObjectNode ranTask(Task task, String key) {
        ObjectNode event = TrailRecord.of("cloudtrail-ecs-run-task.json", REGION, key);
        ObjectNode detail = (ObjectNode) event.path("detail");
        ((ObjectNode) detail.path("requestParameters")).put("cluster", CLUSTER);
        ObjectNode recorded = (ObjectNode) detail.at("/responseElements/tasks/0");
        recorded.put("taskArn", task.taskArn()).put("clusterArn", CLUSTER_ARN)
                .put("taskDefinitionArn", task.taskDefinitionArn()).put("group", "family:" + family(task));
        ArrayNode tasks = detail.at("/responseElements").withArray("tasks");
        tasks.removeAll();
        tasks.add(recorded);
        return event;
    }

    private static String family(Task task) {
        String last = task.taskDefinitionArn().substring(task.taskDefinitionArn().lastIndexOf('/') + 1);
        return last.substring(0, last.indexOf(':'));
    }

    /** A key of deploy-bot and the task it ran. */
    record KeysTask(String key, Task task) {}

    /**
     * A task of the definition run by a fresh key of deploy-bot, the key's {@code RunTask} record delivered: what the
     * credential sweep finds when the key is contained.
     */
    KeysTask keyRanTask(String taskDefinitionArn) {
        String key = deployBotKey();
        Task task = runTask(taskDefinitionArn);
        deliver(ranTask(task, key));
        return new KeysTask(key, task);
    }

    /** The key contained ("Credential Contained"): the stop-workload incident on its task. */
    JsonNode contain(KeysTask ran) {
        return incident(deliver(InstanceScene.contained(ran.key())), ran.task().taskArn());
    }

    /** The stop-workload incident on {@code subject} among the deliveries. */
    static JsonNode incident(List<ObjectNode> deliveries, String subject) {
        return AttackSequenceIT.incidentOn(deliveries, FUNCTION, subject);
    }

    static String result(JsonNode incident, String step) {
        for (JsonNode s : incident.path("steps")) {
            if (s.path("step").asText().equals(step)) {
                return s.path("result").asText();
            }
        }
        return "absent";
    }

    List<String> release(JsonNode incident) {
        return Releases.release(emulator, incident.path("incidentId").asText());
    }
}
