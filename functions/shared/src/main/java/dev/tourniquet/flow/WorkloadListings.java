package dev.tourniquet.flow;

import dev.tourniquet.internal.AwsClients;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Every service's running workloads in a region ({@link EcsWorkloadListing}, {@link CodeBuildWorkloadListing} and
 * {@link CodeBuildBatchWorkloadListing}, {@link SageMakerWorkloadListing}, {@link BatchWorkloadListing}), through clients paced per service and region at
 * {@value #LIST_REQUESTS_PER_SECOND} calls a second: a review every minute in every enabled region must not drain the
 * buckets the owner's own deploys use (ECS refills its describe and list buckets at 20 a second, SageMaker's and
 * Batch's list calls allow a few a second). Throttling that still happens is retried by the SDK with backoff.
 */
final class WorkloadListings {
    /** What listing (without the instance types) calls. */
    static final List<String> PERMISSIONS = Stream.of(EcsWorkloadListing.PERMISSIONS,
            CodeBuildWorkloadListing.PERMISSIONS, CodeBuildBatchWorkloadListing.PERMISSIONS,
            SageMakerWorkloadListing.PERMISSIONS,
            BatchWorkloadListing.PERMISSIONS).flatMap(List::stream).toList();
    /** What listing with the instance types calls. */
    static final List<String> SHAPE_PERMISSIONS = Stream.concat(PERMISSIONS.stream(),
            SageMakerWorkloadListing.SHAPE_PERMISSIONS.stream()).toList();
    static final double LIST_REQUESTS_PER_SECOND = 5;

    private static final dev.tourniquet.internal.StructuredLog LOG =
            dev.tourniquet.internal.StructuredLog.of(WorkloadListings.class);

    private final List<WorkloadListing> services;

    WorkloadListings(List<WorkloadListing> services) {
        this.services = List.copyOf(services);
    }

    /** The four services' listings (CodeBuild's builds and batches apart) through Tourniquet's clients. */
    static WorkloadListings of(AwsClients clients) {
        return new WorkloadListings(List.of(
                new EcsWorkloadListing(region -> clients.client("ecs-list", region, EcsClient::builder,
                        List.of(clients.pacer("ecs-list", LIST_REQUESTS_PER_SECOND)))),
                new CodeBuildWorkloadListing(region -> clients.client("codebuild-list", region,
                        CodeBuildClient::builder, List.of(clients.pacer("codebuild-list", LIST_REQUESTS_PER_SECOND))),
                        Clock.systemUTC()),
                new CodeBuildBatchWorkloadListing(region -> clients.client("codebuild-list", region,
                        CodeBuildClient::builder, List.of(clients.pacer("codebuild-list", LIST_REQUESTS_PER_SECOND)))),
                new SageMakerWorkloadListing(region -> clients.client("sagemaker-list", region,
                        SageMakerClient::builder, List.of(clients.pacer("sagemaker-list", LIST_REQUESTS_PER_SECOND)))),
                new BatchWorkloadListing(region -> clients.client("batch-list", region, BatchClient::builder,
                        List.of(clients.pacer("batch-list", LIST_REQUESTS_PER_SECOND))))));
    }

    /**
     * What runs in {@code region} in every service. A service that cannot be listed there (not offered in that region,
     * denied by a service control policy, throttled past the retries) is logged and skipped, so that the others are
     * still listed; the next review or run lists it again. When none can be listed the region fails as a whole (the
     * caller reports it, as it does for functions and instances).
     */
    List<WorkloadListing.Running> running(String region, Instant since, boolean shapes) {
        List<WorkloadListing.Running> running = new ArrayList<>();
        RuntimeException failed = null;
        int listed = 0;
        for (WorkloadListing service : services) {
            try {
                running.addAll(service.running(region, since, shapes));
                listed++;
            } catch (RuntimeException e) {
                failed = e;
                LOG.warn("workloads cannot be listed").with("region", region)
                        .with("service", service.getClass().getSimpleName())
                        .with("reason", dev.tourniquet.internal.Failure.classify(e).message()).log();
            }
        }
        if (listed == 0 && failed != null) {
            throw failed;
        }
        return running;
    }
}
