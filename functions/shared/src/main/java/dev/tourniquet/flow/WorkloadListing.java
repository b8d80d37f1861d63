package dev.tourniquet.flow;

import dev.tourniquet.signal.Workload;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rented compute of one service (ECS, CodeBuild, SageMaker, AWS Batch) that is running in one region now, as the
 * service itself reports it — without waiting for CloudTrail. What the exposure hold ({@link AppearedWorkloads}) and the
 * footprint's inventory ({@link FootprintWorkloads}) of workloads read. Only what spends is listed: a finished build,
 * a stopped task, an environment that is disabled or at zero vCPUs cost nothing and cannot be stopped again.
 */
interface WorkloadListing {

    /**
     * What runs in {@code region}.
     *
     * @param since  the earliest appearance worth listing, where the service can filter or page by it (SageMaker's
     *               {@code CreationTimeAfter}, CodeBuild's newest-first pages); {@link Instant#EPOCH} for everything
     * @param shapes whether the instance types are read too (describe calls the exposure hold does not need)
     */
    List<Running> running(String region, Instant since, boolean shapes);

    /**
     * One running workload.
     *
     * @param appearedAt    when it was created or started, as the service reports it; empty where the API reports no
     *                      time (a Batch compute environment)
     * @param instanceTypes the instance types it rents, where they exist ({@code ml.p3.2xlarge}, a Batch environment's
     *                      {@code p3} or {@code g4dn.xlarge}); empty for Fargate, CodeBuild, or when not read
     */
    record Running(Workload workload, String accountId, Optional<Instant> appearedAt, List<String> instanceTypes) {
        public Running {
            instanceTypes = List.copyOf(instanceTypes);
        }
    }

    /** Splits {@code items} into chunks of at most {@code size} (the describe calls' batch limits). */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            chunks.add(items.subList(i, Math.min(items.size(), i + size)));
        }
        return chunks;
    }
}
