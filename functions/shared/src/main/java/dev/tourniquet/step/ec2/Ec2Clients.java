package dev.tourniquet.step.ec2;

import dev.tourniquet.internal.AwsClients;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The EC2 and Auto Scaling clients of the instance function, per region. A sweep (every instance a
 * contained credential launched, in every region) uses paced clients: at most
 * {@value #SWEEP_REQUESTS_PER_SECOND} calls a second per region and service. EC2 refills its mutating-call
 * bucket at 5 per second and its read bucket at 20 (buckets of 200 and 100, shared with everything else in
 * the account). Containing one instance takes about 28 EC2 calls, about one in five a change: at 10 calls a
 * second that is about 2 changes and 8 reads a second, under both refill rates, so the sweep never drains the
 * buckets the account's own tools rely on. Throttling that still happens is retried by the SDK's standard
 * retry strategy with backoff. A single finding is not paced: evidence and isolation must not wait.
 *
 * @see <a href="https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html">EC2 API throttling</a>
 */
public final class Ec2Clients {
    static final double SWEEP_REQUESTS_PER_SECOND = 10;

    private final AwsClients clients;

    public Ec2Clients(AwsClients clients) {
        this.clients = clients;
    }

    public Ec2Client ec2(String region, boolean paced) {
        return paced ? clients.client("ec2-sweep", region, Ec2Client::builder, List.of(ec2Pacer()))
                : clients.client("ec2", region, Ec2Client::builder);
    }

    /** The same client making each call once (see {@link AwsClients#singleAttemptClient}). */
    public Ec2Client ec2SingleAttempt(String region, boolean paced) {
        return clients.singleAttemptClient(paced ? "ec2-sweep" : "ec2", region, Ec2Client::builder,
                paced ? List.of(ec2Pacer()) : List.of());
    }

    public AutoScalingClient autoScaling(String region, boolean paced) {
        return paced ? clients.client("autoscaling-sweep", region, AutoScalingClient::builder,
                List.of(clients.pacer("autoscaling", SWEEP_REQUESTS_PER_SECOND)))
                : clients.client("autoscaling", region, AutoScalingClient::builder);
    }

    // One pacer for the region's EC2 calls, whichever client (retrying or single-attempt) makes them.
    private dev.tourniquet.internal.RatePacer ec2Pacer() {
        return clients.pacer("ec2", SWEEP_REQUESTS_PER_SECOND);
    }
}
