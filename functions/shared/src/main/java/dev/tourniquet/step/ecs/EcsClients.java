package dev.tourniquet.step.ecs;

import dev.tourniquet.internal.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS client of the workload function, per region. ECS throttles its control plane per account and region
 * (a token bucket of about 20 calls a second for most actions, {@code StopTask} and {@code UpdateService} among
 * them): a sweep is paced at {@value #SWEEP_REQUESTS_PER_SECOND} calls a second per region, leaving the owner's own
 * deployments room; a single finding is not paced.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html">ECS request
 *     throttling</a>
 */
public final class EcsClients {
    static final double SWEEP_REQUESTS_PER_SECOND = 10;

    private EcsClients() {}

    public static EcsClient ecs(AwsClients clients, String region) {
        return clients.client("ecs", region, EcsClient::builder, List.of(clients.pacer("ecs",
                SWEEP_REQUESTS_PER_SECOND)));
    }
}
