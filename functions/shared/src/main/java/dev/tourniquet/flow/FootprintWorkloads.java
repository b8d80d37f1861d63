package dev.tourniquet.flow;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Workloads running outside the footprint ({@link WorkloadListings}): in a region outside {@code AllowedRegions}, or
 * renting an instance type of a {@code DeniedInstanceFamilies} family where the workload names one — a SageMaker job's,
 * notebook's or endpoint's {@code ml.} type (judged without its {@code ml.} prefix: {@code ml.p3.2xlarge} is of the
 * {@code p3} family), a Batch compute environment's instance types or families — or of more vCPUs than
 * {@code MaxInstanceVcpus} (EC2's size of the type, {@link InstanceTypeVcpus}; a family names no size and is judged
 * by family only). ECS tasks and services (Fargate, or EC2 container instances the instance inventory judges itself)
 * and CodeBuild builds name no instance type: judged by region.
 *
 * <p>A workload appeared at its creation or start as the service reports it; a Batch compute environment, which the
 * API does not date, is counted as appeared before the footprint took effect: unexplained by any record, it is alerted
 * as the owner's and never held — it is contained when a record names a caller outside every exemption (announced),
 * as by the event path.
 */
final class FootprintWorkloads implements FootprintListing {
    private final WorkloadListings listings;
    private final Footprint footprint;
    private final FootprintJudge judge;
    private final AppearedWorkloads signals;

    /** @param vcpus the vCPU count of an EC2 instance type in a region ({@link InstanceTypeVcpus}) */
    FootprintWorkloads(WorkloadListings listings, Footprint footprint, FootprintJudge.InstanceVcpus vcpus) {
        this.listings = listings;
        this.footprint = footprint;
        // A Batch environment may name a family (p3) or AWS's pick (optimal): no size to ask EC2 for.
        this.judge = new FootprintJudge(footprint, (region, type) -> type.contains(".") ? vcpus.of(region, type)
                : java.util.OptionalInt.empty());
        this.signals = new AppearedWorkloads(listings);
    }

    @Override
    public String kind() {
        return AppearedWorkloads.KIND;
    }

    @Override
    public List<Outside> list(String region) {
        boolean shapes = (!footprint.deniedInstanceFamilies().isEmpty() || footprint.maxInstanceVcpus() > 0)
                && footprint.allowsRegion(region);
        List<Outside> outside = new ArrayList<>();
        for (WorkloadListing.Running running : listings.running(region, Instant.EPOCH, shapes)) {
            String arn = running.workload().arn();
            breach(arn, region, running.instanceTypes()).ifPresent(b -> outside.add(new Outside(arn, region,
                    running.accountId(), running.appearedAt().orElse(Instant.EPOCH), b, List.of())));
        }
        return outside;
    }

    // Region first (outside whatever it rents), then each instance type it names.
    private Optional<FootprintBreach> breach(String arn, String region, List<String> types) {
        if (!footprint.allowsRegion(region)) {
            return Optional.of(new FootprintBreach.OutsideAllowedRegions(arn, region, footprint.allowedRegions()));
        }
        // As written: the judge reads an ml. type as the EC2 type it runs on, and its breach names the ml. type.
        return types.stream().map(type -> judge.judgeInstance(arn, region, type))
                .flatMap(Optional::stream).findFirst();
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason) {
        return signals.signal(origin, resourceId, region, reason, Optional.empty());
    }
}
