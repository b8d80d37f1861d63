package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An emulated account for the ECS tests: a cluster in {@value #REGION}, task definitions (one with a task role), services
 * and Fargate tasks, and the events that name them. moto's services start no tasks of their own: a service's task is
 * run with its group {@code service:NAME}, as ECS names it.
 */
final class EcsScene {
    static final String REGION = "ap-southeast-1";
    static final String CLUSTER = "default";
    static final String FUNCTION = "StopWorkloadFunction";
    static final String TASK_ROLE = "web-task-role";

    /** Every action the workload function performed in any test, for the least-privilege check. */
    static final Set<String> PERFORMED = new TreeSet<>();

    private final Emulator emulator;

    private EcsScene(Emulator emulator) {
        this.emulator = emulator;
        tasksRunUntilStopped(emulator);
        ecs().createCluster(r -> r.clusterName(CLUSTER));
        iam().createRole(r -> r.roleName(TASK_ROLE).assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},\
                "Action":"sts:AssumeRole"}]}"""));
        register("xmrig-svc", null);
        register("web-api", "arn:aws:iam::" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID + ":role/" + TASK_ROLE);
    }

    static EcsScene fresh(Mode mode) {
        return new EcsScene(Emulator.fresh(mode, List.of()));
    }

    static EcsScene on(Emulator emulator) {
        return new EcsScene(emulator);
    }

    Emulator emulator() {
        return emulator;
    }

    EcsClient ecs() {
        return emulator.admin().client("ecs", REGION, EcsClient::builder);
    }

    IamClient iam() {
        return emulator.admin().iam();
    }

    // moto cannot run an awsvpc task (its network interface lacks fields moto itself reads), which Fargate requires:
    // the definitions use bridge networking and their tasks are run with launch type FARGATE, which moto accepts.
    private void register(String family, String taskRole) {
        ecs().registerTaskDefinition(r -> r.family(family).networkMode("bridge").taskRoleArn(taskRole)
                .containerDefinitions(c -> c.name(family).image("docker.io/example/" + family + ":latest")
                        .essential(true).cpu(1024).memory(2048)));
    }

    // moto moves a task from RUNNING towards STOPPED on every DescribeTasks (its "managed state"): a running miner does
    // not stop by being looked at, so the progression waits for an (unreachable) millionth read.
    private static void tasksRunUntilStopped(Emulator emulator) {
        java.net.URI endpoint = emulator.configuration().endpoint().orElseThrow()
                .resolve("/moto-api/state-manager/set-transition");
        String body = "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\","
                + " \"times\": 1000000}}";
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(endpoint).POST(java.net.http.HttpRequest.BodyPublishers
                            .ofString(body)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("moto state manager").isEqualTo(201);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A service of {@code desired} tasks (moto runs none: {@link #serviceTask} does). */
    String service(String name, String family, int desired) {
        return ecs().createService(r -> r.cluster(CLUSTER).serviceName(name).taskDefinition(family)
                .desiredCount(desired).launchType(LaunchType.FARGATE)).service().serviceArn();
    }

    /** A Fargate task of the service {@code name}, as ECS runs it (group {@code service:NAME}). */
    String serviceTask(String name, String family) {
        return run(family, "service:" + name);
    }

    /** A standalone Fargate task (group {@code family:FAMILY}). */
    String task(String family) {
        return run(family, null);
    }

    private String run(String family, String group) {
        return ecs().runTask(r -> r.cluster(CLUSTER).taskDefinition(family).launchType(LaunchType.FARGATE).count(1)
                .group(group)).tasks().get(0).taskArn();
    }

    Task describe(String taskArn) {
        return ecs().describeTasks(r -> r.cluster(CLUSTER).tasks(taskArn)).tasks().get(0);
    }

    Service describeService(String serviceArn) {
        return ecs().describeServices(r -> r.cluster(CLUSTER).services(serviceArn)).services().get(0);
    }

    List<ObjectNode> deliver(ObjectNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    String deployBotKey() {
        if (iam().listUsers().users().stream().noneMatch(u -> u.userName().equals("deploy-bot"))) {
            iam().createUser(r -> r.userName("deploy-bot"));
        }
        return iam().createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
    }

    // ------------------------------------------------------------------ events naming this scene's resources

    /** A Runtime Monitoring finding of {@code sample}'s type on {@code taskArn}, of the group given. */
    ObjectNode finding(String sample, String taskArn, String group) {
        ObjectNode event = Emulator.sample(sample);
        event.put("region", REGION).put("id", UUID.randomUUID().toString());
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("id", UUID.randomUUID().toString().replace("-", ""));
        ObjectNode task = (ObjectNode) detail.at("/resource/ecsClusterDetails/taskDetails");
        task.put("arn", taskArn).put("group", group).put("definitionArn", describe(taskArn).taskDefinitionArn());
        ((ObjectNode) detail.at("/resource/ecsClusterDetails")).put("arn", clusterArn());
        return event;
    }

    /** CloudTrail's CreateService of {@code serviceArn} by {@code accessKeyId}. */
    static ObjectNode serviceCreated(String serviceArn, String accessKeyId) {
        ObjectNode event = TrailRecord.of("cloudtrail-ecs-create-service.json", REGION, accessKeyId);
        ((ObjectNode) event.at("/detail/responseElements/service")).put("serviceArn", serviceArn)
                .put("serviceName", dev.tourniquet.signal.Workload.lastName(serviceArn));
        return event;
    }

    /** CloudTrail's UpdateService of {@code serviceArn} to {@code desired}, by the user {@code user}. */
    static ObjectNode serviceScaled(String serviceArn, int desired, String user, String key) {
        ObjectNode event = Undo.byUser(Undo.of("cloudtrail-ecs-update-service.json", REGION), user, key);
        Undo.request(event).put("service", dev.tourniquet.signal.Workload.lastName(serviceArn)).put("desiredCount",
                desired);
        ((ObjectNode) event.at("/detail/responseElements/service")).put("serviceArn", serviceArn)
                .put("desiredCount", desired);
        return event;
    }

    private String clusterArn() {
        return ecs().describeClusters(r -> r.clusters(CLUSTER)).clusters().get(0).clusterArn();
    }

    // ------------------------------------------------------------------ reading the results

    static JsonNode incidentOf(List<ObjectNode> deliveries, String rule) {
        return deliveries.stream().filter(d -> rule.equals(d.path("rule").asText())).findFirst().orElseThrow()
                .path("response").path("incidents").get(0);
    }

    List<String> release(JsonNode incident) {
        return Releases.release(emulator, incident.path("incidentId").asText());
    }

    static void assertLeastPrivilege() {
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }
}
