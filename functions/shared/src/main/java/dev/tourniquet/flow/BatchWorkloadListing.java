package dev.tourniquet.flow;

import dev.tourniquet.signal.BatchResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.CEType;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;

/**
 * AWS Batch managed compute environments that can run jobs in a region: enabled, with a maximum above zero vCPUs
 * ({@code batch:DescribeComputeEnvironments}), with the instance types they may launch ({@code computeResources
 * .instanceTypes}: a family such as {@code p3} or a type such as {@code g4dn.xlarge}; {@code optimal} and the
 * {@code default_*} choices, which AWS picks among general-purpose families, are not types to judge).
 *
 * <p>The API reports no creation time for a compute environment ({@code ComputeEnvironmentDetail} has none), so when
 * one appeared cannot be read: {@link Running#appearedAt()} is empty. The exposure hold therefore never holds one
 * (what it cannot date it cannot place in the window); its CloudTrail record ({@code CreateComputeEnvironment}) contains
 * it through the sweep or as a late record, and the footprint's inventory judges it by its records and its shape.
 */
final class BatchWorkloadListing implements WorkloadListing {
    static final List<String> PERMISSIONS = List.of("batch:DescribeComputeEnvironments");
    private static final Set<String> NOT_TYPES = Set.of("optimal", "default_x86_64", "default_arm64");

    private final Function<String, BatchClient> batch;

    BatchWorkloadListing(Function<String, BatchClient> batch) {
        this.batch = batch;
    }

    @Override
    public List<Running> running(String region, Instant since, boolean shapes) {
        List<Running> running = new ArrayList<>();
        for (ComputeEnvironmentDetail environment : batch.apply(region).describeComputeEnvironmentsPaginator(r -> { })
                .computeEnvironments()) {
            if (environment.state() != CEState.ENABLED || environment.type() != CEType.MANAGED
                    || environment.computeResources() == null
                    || value(environment.computeResources().maxvCpus()) <= 0) {
                continue;
            }
            List<String> types = environment.computeResources().instanceTypes().stream()
                    .filter(t -> !NOT_TYPES.contains(t)).toList();
            running.add(new Running(new BatchResource(BatchResource.Kind.COMPUTE_ENVIRONMENT,
                    environment.computeEnvironmentArn()), EcsWorkloadListing.account(environment.computeEnvironmentArn()),
                    Optional.empty(), types));
        }
        return running;
    }

    private static int value(Integer count) {
        return count == null ? 0 : count;
    }
}
