package dev.tourniquet.flow;

import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CodeBuildBuild;
import dev.tourniquet.signal.CodeBuildBuildBatch;
import dev.tourniquet.signal.CodeBuildProject;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.Workload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Workloads (ECS tasks and services, CodeBuild builds, SageMaker jobs, notebook instances and endpoints) that started
 * running in a span, as their services report it ({@link WorkloadListings}: a task's or service's {@code createdAt}, a
 * build's {@code startTime}, SageMaker's {@code CreationTime}). A Batch compute environment has no creation time in
 * the API and is never listed here (see {@link BatchWorkloadListing}). The signal of one is a
 * {@link CompromisedWorkload} rebuilt from its ARN, which is all a hold records.
 */
final class AppearedWorkloads implements AppearedResources {
    /** The exposure holds' and footprint holds' kind of every workload. */
    static final String KIND = "workload";

    private final WorkloadListings listings;

    AppearedWorkloads(WorkloadListings listings) {
        this.listings = listings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<Appeared> list(String region, Instant from, Instant to) {
        List<Appeared> appeared = new ArrayList<>();
        for (WorkloadListing.Running running : listings.running(region, from, false)) {
            running.appearedAt().filter(at -> !at.isBefore(from) && !at.isAfter(to)).ifPresent(at -> appeared.add(
                    new Appeared(running.workload().arn(), region, running.accountId(), at)));
        }
        return appeared;
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason,
                         Optional<Provenance> creator) {
        return new CompromisedWorkload(origin, workload(resourceId).orElseThrow(() -> new IllegalArgumentException(
                "not a workload ARN: " + resourceId)), reason, false, creator);
    }

    /**
     * The workload an ARN names ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), by its service and the first
     * word of its resource; empty for any other ARN. An ECS task's or service's cluster is read from the ARN's long
     * format ({@code task/CLUSTER/ID}).
     */
    static Optional<Workload> workload(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !"arn".equals(parts[0])) {
            return Optional.empty();
        }
        String resource = parts[5];
        String word = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : "";
        return switch (parts[2] + ":" + word) {
            case "ecs:task" -> Optional.of(new EcsTask(arn, "", Optional.empty(), Optional.empty()));
            case "ecs:service" -> Optional.of(new EcsService(arn, ""));
            case "codebuild:build" -> Optional.of(new CodeBuildBuild(arn));
            case "codebuild:build-batch" -> Optional.of(new CodeBuildBuildBatch(arn));
            case "codebuild:project" -> Optional.of(new CodeBuildProject(arn));
            case "batch:compute-environment" -> Optional.of(new BatchResource(BatchResource.Kind.COMPUTE_ENVIRONMENT,
                    arn));
            case "batch:job-queue" -> Optional.of(new BatchResource(BatchResource.Kind.JOB_QUEUE, arn));
            case "batch:job" -> Optional.of(new BatchResource(BatchResource.Kind.JOB, arn));
            default -> "sagemaker".equals(parts[2]) ? Arrays.stream(SageMakerResource.Kind.values())
                    .filter(k -> k.arnResource().equals(word)).findFirst()
                    .map(k -> (Workload) new SageMakerResource(k, arn)) : Optional.empty();
        };
    }
}
