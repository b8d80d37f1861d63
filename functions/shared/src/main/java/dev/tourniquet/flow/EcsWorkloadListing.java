package dev.tourniquet.flow;

import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS services and tasks running in a region: every cluster ({@code ecs:ListClusters}), its active services with a
 * desired or running count ({@code ecs:ListServices}, {@code ecs:DescribeServices} ten at a time: their
 * {@code createdAt}) and its tasks whose desired status is {@code RUNNING} ({@code ecs:ListTasks},
 * {@code ecs:DescribeTasks} a hundred at a time: their {@code createdAt}).
 *
 * <p>A task of a service listed here ({@code group} {@code service:NAME}, the service found in the same cluster) is not
 * listed on its own: the service started it, stopping it alone only makes the service start another, and the service
 * is judged instead. A task that names a service the cluster does not have is listed (RunTask lets a caller write any
 * group).
 */
final class EcsWorkloadListing implements WorkloadListing {
    static final List<String> PERMISSIONS = List.of("ecs:ListClusters", "ecs:ListServices", "ecs:DescribeServices",
            "ecs:ListTasks", "ecs:DescribeTasks");

    private final Function<String, EcsClient> ecs;

    EcsWorkloadListing(Function<String, EcsClient> ecs) {
        this.ecs = ecs;
    }

    @Override
    public List<Running> running(String region, Instant since, boolean shapes) {
        EcsClient client = ecs.apply(region);
        List<Running> running = new ArrayList<>();
        for (String cluster : client.listClustersPaginator(r -> { }).clusterArns()) {
            Set<String> services = new HashSet<>();
            for (Service service : services(client, cluster)) {
                services.add(service.serviceName());
                running.add(new Running(new EcsService(service.serviceArn(), cluster), account(service.serviceArn()),
                        Optional.ofNullable(service.createdAt()), List.of()));
            }
            for (Task task : tasks(client, cluster)) {
                Optional<String> group = Optional.ofNullable(task.group());
                boolean ofService = group.filter(g -> g.startsWith("service:"))
                        .filter(g -> services.contains(g.substring("service:".length()))).isPresent();
                if (!ofService) {
                    running.add(new Running(new EcsTask(task.taskArn(), cluster, group,
                            Optional.ofNullable(task.taskDefinitionArn())), account(task.taskArn()),
                            Optional.ofNullable(task.createdAt()), List.of()));
                }
            }
        }
        return running;
    }

    // Active services that run or want tasks (one at zero spends nothing: a held one is at zero already).
    private static List<Service> services(EcsClient client, String cluster) {
        List<String> arns = new ArrayList<>();
        client.listServicesPaginator(r -> r.cluster(cluster)).serviceArns().forEach(arns::add);
        List<Service> services = new ArrayList<>();
        for (List<String> chunk : WorkloadListing.chunks(arns, 10)) {
            client.describeServices(r -> r.cluster(cluster).services(chunk)).services().stream()
                    .filter(s -> "ACTIVE".equals(s.status()))
                    .filter(s -> value(s.desiredCount()) > 0 || value(s.runningCount()) > 0)
                    .forEach(services::add);
        }
        return services;
    }

    private static List<Task> tasks(EcsClient client, String cluster) {
        List<String> arns = new ArrayList<>();
        client.listTasksPaginator(r -> r.cluster(cluster).desiredStatus(DesiredStatus.RUNNING)).taskArns()
                .forEach(arns::add);
        List<Task> tasks = new ArrayList<>();
        for (List<String> chunk : WorkloadListing.chunks(arns, 100)) {
            tasks.addAll(client.describeTasks(r -> r.cluster(cluster).tasks(chunk)).tasks());
        }
        return tasks;
    }

    private static int value(Integer count) {
        return count == null ? 0 : count;
    }

    static String account(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[4] : "";
    }
}
