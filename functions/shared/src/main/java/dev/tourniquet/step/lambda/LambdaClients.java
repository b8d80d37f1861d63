package dev.tourniquet.step.lambda;

import dev.tourniquet.internal.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * The clients the function steps use, in the function's own region. Lambda's control plane allows 15
 * requests per second per region across its APIs but {@code GetFunction} (100 a second: {@link #OWN_QUOTAS}); a sweep quarantining dozens of functions would
 * exceed it, so every Lambda call is paced (one pacer per execution environment, one slot per region) and throttling that
 * still happens is retried by the SDK's standard retry strategy with backoff.
 *
 * <p>Steps name a function by its name, not its ARN, where the API takes either: the client is bound to the
 * function's region and Tourniquet's account, so the name is exact (and emulators decode names in every path).
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda quotas</a>
 */
public final class LambdaClients {
    /** Lambda's control-plane limit, per region. */
    public static final double CONTROL_PLANE_REQUESTS_PER_SECOND = 15;

    /**
     * The operations with a quota of their own beside the control plane's: {@code GetFunction}, 100 a second per
     * region, which cannot be increased. The enricher and a sweep's first phase read through it, so that the 15 a
     * second are left to the calls that change something.
     */
    public static final java.util.Map<String, Double> OWN_QUOTAS = java.util.Map.of("GetFunction", 100.0);

    private LambdaClients() {}

    public static LambdaClient lambda(AwsClients clients, String region) {
        return clients.client("lambda", region, LambdaClient::builder,
                List.of(clients.pacer("lambda", CONTROL_PLANE_REQUESTS_PER_SECOND, OWN_QUOTAS)));
    }

    public static EventBridgeClient events(AwsClients clients, String region) {
        return clients.client("events", region, EventBridgeClient::builder);
    }

    public static SchedulerClient scheduler(AwsClients clients, String region) {
        return clients.client("scheduler", region, SchedulerClient::builder);
    }
}
