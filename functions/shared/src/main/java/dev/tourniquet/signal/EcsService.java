package dev.tourniquet.signal;

/**
 * An ECS service: it replaces every task that stops, so a service that runs a miner is scaled to zero.
 *
 * @param arn     the service ARN ({@code arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/NAME})
 * @param cluster its cluster's name or ARN
 */
public record EcsService(String arn, String cluster) implements Workload {
    public static final String TYPE = "ecs-service";

    public EcsService {
        String[] resource = arn.substring(arn.lastIndexOf(':') + 1).split("/");
        cluster = (cluster == null || cluster.isEmpty()) && resource.length == 3 ? resource[1]
                : cluster == null ? "" : cluster;
    }

    public String name() {
        return Workload.lastName(arn);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String describe() {
        return "ECS service " + name() + " of cluster " + cluster;
    }
}
