package dev.tourniquet.step.sagemaker;

import dev.tourniquet.internal.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * The SageMaker client of one region (a workload is contained in its own region). SageMaker's control-plane calls
 * share per-account quotas of a few requests a second for Describe and Stop calls, so a sweep's calls are paced at
 * {@value #REQUESTS_PER_SECOND} a second per region; throttling that still happens is retried by the SDK with backoff.
 *
 * @see <a href="https://docs.aws.amazon.com/general/latest/gr/sagemaker.html">SageMaker endpoints and quotas</a>
 */
public final class SageMakerClients {
    static final double REQUESTS_PER_SECOND = 5;

    private SageMakerClients() {}

    public static SageMakerClient sageMaker(AwsClients clients, String region) {
        return clients.client("sagemaker", region, SageMakerClient::builder,
                List.of(clients.pacer("sagemaker", REQUESTS_PER_SECOND)));
    }
}
