package dev.tourniquet.cli.simulate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The attacker's Fargate miner behind a service: a task definition of {@value #VCPU} vCPUs and {@value #MEMORY_GB} GB,
 * a service of {@value #TASKS} tasks made with the leaked key ({@code CreateService}, recorded by CloudTrail), its
 * containment as the emulator shows it (the service at a desired count of 0 and none of its tasks running; {@link #scheduled} plays ECS's service
 * scheduler, which moto lacks) and its
 * cost at Fargate's list prices ({@link ListPrices#FARGATE_VCPU_HOUR}, {@link ListPrices#FARGATE_GB_HOUR}).
 *
 * <p>moto's services start no tasks: the service's tasks are run here as ECS would start them, with the group
 * {@code service:NAME} ECS gives them; and moto runs no {@code awsvpc} task, so the definition uses bridge networking
 * (the tasks still run with launch type FARGATE).
 */
final class FargateMiner {
    static final String SERVICE = "xmrig-fargate";
    static final String CLUSTER = "default";
    static final int TASKS = 10;
    static final int VCPU = 4;
    static final int MEMORY_GB = 8;

    private FargateMiner() {}

    /** Makes a CloudTrail record of a call (the attacker's {@code trail}). */
    @FunctionalInterface
    interface Trail {
        Optional<CloudTrailRecord> of(String service, String eventName, String region, ObjectNode request,
                                      ObjectNode response);
    }

    /** The service made: what to say, CloudTrail's request and response, the resource. */
    record Created(String text, String region, ObjectNode request, ObjectNode response, AttackerResource resource) {
        AttackerCalls.Made made(Trail trail) {
            return new AttackerCalls.Made(text, trail.of("ecs", "CreateService", region, request, response),
                    Optional.of(resource));
        }
    }

    static Created create(AttackerClients clients, AttackerCall call, Duration at, String signer) {
        EcsClient ecs = clients.ecs(call.region());
        tasksRunUntilStopped(clients.endpoint());
        if (ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters().stream()
                .noneMatch(c -> "ACTIVE".equals(c.status()))) {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
        }
        String definition = ecs.registerTaskDefinition(r -> r.family(call.name()).networkMode("bridge")
                .cpu(String.valueOf(VCPU * 1024)).memory(String.valueOf(MEMORY_GB * 1024))
                .containerDefinitions(c -> c.name("xmrig").image("docker.io/metal3d/xmrig:latest").essential(true)
                        .cpu(VCPU * 1024).memory(MEMORY_GB * 1024))).taskDefinition().taskDefinitionArn();
        Service service = ecs.createService(r -> r.cluster(CLUSTER).serviceName(call.name()).taskDefinition(definition)
                .desiredCount(TASKS).launchType(LaunchType.FARGATE)).service();
        // What ECS does next, which moto does not: start the service's tasks.
        ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(definition).launchType(LaunchType.FARGATE).count(TASKS)
                .group("service:" + call.name()).startedBy("ecs-svc/" + Math.abs(call.name().hashCode())));
        ObjectNode request = Json.object().put("cluster", CLUSTER).put("serviceName", call.name())
                .put("taskDefinition", definition).put("desiredCount", TASKS).put("launchType", "FARGATE");
        ObjectNode response = Json.object();
        response.putObject("service").put("serviceArn", service.serviceArn()).put("serviceName", service.serviceName())
                .put("clusterArn", service.clusterArn()).put("taskDefinition", definition).put("desiredCount", TASKS)
                .put("launchType", "FARGATE").put("status", "ACTIVE");
        return new Created(service.serviceArn() + " (" + TASKS + " Fargate tasks of " + VCPU + " vCPU, " + MEMORY_GB
                + " GB)", call.region(), request, response, new AttackerResource(AttackerResource.Kind.SERVICE,
                service.serviceArn(), call.region(), call.name(), at, signer));
    }

    // moto moves a task from RUNNING towards STOPPED on every DescribeTasks (its "managed state"): a miner does not stop
    // by being looked at, so the progression waits for an unreachable millionth read; only StopTask or the service at 0
    // (through Tourniquet) stops the tasks.
    private static void tasksRunUntilStopped(java.net.URI endpoint) {
        String body = "{\"model_name\": \"ecs::task\", \"transition\": {\"progression\": \"manual\","
                + " \"times\": 1000000}}";
        try {
            java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(endpoint.resolve("/moto-api/state-manager/set-transition"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201) {
                throw new IllegalStateException("the emulator's state manager answered " + answer.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What ECS's service scheduler does when a service's desired count falls below its running tasks, which moto does
     * not: it stops the surplus (in AWS within seconds, each task given its stop timeout, 30 s by default on Fargate).
     * Without it, a service Tourniquet scaled to 0 (an exposure hold's only step) would keep its tasks in the emulator
     * until a full incident stops them, and look uncontained for minutes where in AWS it is drained at once.
     *
     * @return how many tasks the scheduler stopped (0 when the service still wants them all)
     */
    static int scheduled(EcsClient ecs, AttackerResource service) {
        int desired = desiredCount(ecs, service);
        List<String> running = runningTasks(ecs, service);
        List<String> surplus = running.subList(0, Math.max(0, running.size() - desired));
        surplus.forEach(task -> ecs.stopTask(r -> r.cluster(CLUSTER).task(task)
                .reason("Scaling activity initiated by the service scheduler (desired count " + desired + ")")));
        return surplus.size();
    }

    private static int desiredCount(EcsClient ecs, AttackerResource service) {
        return ecs.describeServices(r -> r.cluster(CLUSTER).services(service.id())).services().stream().findFirst()
                .map(Service::desiredCount).orElse(0);
    }

    // The service's own tasks (group service:NAME) that have not been told to stop.
    private static List<String> runningTasks(EcsClient ecs, AttackerResource service) {
        List<String> arns = ecs.listTasks(r -> r.cluster(CLUSTER).desiredStatus(DesiredStatus.RUNNING)).taskArns();
        return arns.isEmpty() ? List.of() : ecs.describeTasks(r -> r.cluster(CLUSTER).tasks(arns)).tasks().stream()
                .filter(t -> ("service:" + service.name()).equals(t.group()))
                .filter(t -> !"STOPPED".equals(t.desiredStatus())).map(software.amazon.awssdk.services.ecs.model.Task::taskArn)
                .toList();
    }

    /** Contained when the service is at 0 and none of its own tasks (group {@code service:NAME}) still runs. */
    static ContainmentProbe.Containment containment(EcsClient ecs, AttackerResource service) {
        int desired = desiredCount(ecs, service);
        int running = runningTasks(ecs, service).size();
        return new ContainmentProbe.Containment(desired == 0 && running == 0, "desired count " + desired + ", "
                + running + " of its tasks running");
    }

    /** Its tasks, billed per second (60 s at least) from creation until contained, at Fargate's list prices. */
    static CostLine cost(AttackerResource service, Duration end, String why) {
        long seconds = Math.max(60, end.minus(service.createdAt()).toSeconds());
        BigDecimal hours = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP);
        BigDecimal perTaskHour = ListPrices.FARGATE_VCPU_HOUR.multiply(BigDecimal.valueOf(VCPU))
                .add(ListPrices.FARGATE_GB_HOUR.multiply(BigDecimal.valueOf(MEMORY_GB)));
        BigDecimal usd = hours.multiply(perTaskHour).multiply(BigDecimal.valueOf(TASKS));
        String arithmetic = TASKS + " tasks x " + seconds + " s (" + why + ", " + DurationText.clock(end) + ") = "
                + hours.setScale(4, RoundingMode.HALF_UP).toPlainString() + " h x (" + VCPU + " vCPU x $"
                + ListPrices.FARGATE_VCPU_HOUR.toPlainString() + " + " + MEMORY_GB + " GB x $"
                + ListPrices.FARGATE_GB_HOUR.toPlainString() + ")/h (Fargate, recorded " + ListPrices.FARGATE_RECORDED
                + ") = " + Money.format(usd);
        return new CostLine(service.label(), arithmetic, usd);
    }
}
