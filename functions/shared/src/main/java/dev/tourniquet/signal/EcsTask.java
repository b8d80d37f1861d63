package dev.tourniquet.signal;

import java.util.Optional;

/**
 * An ECS task (Fargate or EC2 launch type).
 *
 * @param arn               the task ARN ({@code arn:aws:ecs:REGION:ACCOUNT:task/CLUSTER/ID})
 * @param cluster           its cluster's name or ARN (empty when unknown: read from the ARN)
 * @param group             its task group: {@code service:NAME} for a service's task, {@code family:NAME} otherwise
 * @param taskDefinitionArn its task definition, when known
 */
public record EcsTask(String arn, String cluster, Optional<String> group, Optional<String> taskDefinitionArn)
        implements Workload {
    public static final String TYPE = "ecs-task";
    /** Provenance details of a task's (and a service's) record. */
    public static final String CLUSTER = "cluster";
    public static final String GROUP = "group";
    public static final String TASK_DEFINITION = "taskDefinition";

    public EcsTask {
        cluster = cluster == null || cluster.isEmpty() ? clusterOf(arn) : cluster;
    }

    /** The service whose task it is ({@code service:NAME}), if any. */
    public Optional<String> service() {
        return group.filter(g -> g.startsWith("service:")).map(g -> g.substring("service:".length()));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "ECS task " + arn + service().map(s -> " (service " + s + ")").orElse("");
    }

    // The long ARN format names the cluster: task/CLUSTER/ID. The old one (task/ID) does not.
    private static String clusterOf(String arn) {
        String[] resource = arn.substring(arn.lastIndexOf(':') + 1).split("/");
        return resource.length == 3 ? resource[1] : "";
    }
}
