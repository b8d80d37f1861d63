package dev.tourniquet.signal;

import java.util.Optional;
import java.util.Set;

/**
 * A piece of rented compute other than a Lambda function or an EC2 instance, named by its ARN: an ECS task or service,
 * a CodeBuild build or project, a SageMaker job, notebook instance or endpoint, an AWS Batch compute environment, job
 * queue or job. Stolen keys run miners on each; the stop-workload function contains exactly the one an event names.
 *
 * <p>Each kind is also a provenance resource type ({@link #type()}): the record of who created or changed it names it
 * by that type and its ARN ({@link Provenance#resourceId()}), with what else it needs in {@link Provenance#details()}.
 */
public sealed interface Workload permits EcsTask, EcsService, CodeBuildBuild, CodeBuildBuildBatch, CodeBuildProject,
        SageMakerResource, BatchResource, WorkloadTrigger {

    /** Every workload provenance type, for the sweeps, late records and footprint announcements. */
    Set<String> TYPES = Set.of(EcsTask.TYPE, EcsService.TYPE, CodeBuildBuild.TYPE, CodeBuildBuildBatch.TYPE,
            CodeBuildProject.TYPE,
            SageMakerResource.Kind.TRAINING_JOB.type(), SageMakerResource.Kind.PROCESSING_JOB.type(),
            SageMakerResource.Kind.TRANSFORM_JOB.type(), SageMakerResource.Kind.NOTEBOOK_INSTANCE.type(),
            SageMakerResource.Kind.ENDPOINT.type(), BatchResource.Kind.COMPUTE_ENVIRONMENT.type(),
            BatchResource.Kind.JOB_QUEUE.type(), BatchResource.Kind.JOB.type(),
            // A rule or schedule a credential pointed at a workload (issue 17, respawn triggers).
            WorkloadTrigger.RULE_TYPE, WorkloadTrigger.SCHEDULE_TYPE);

    /** Its ARN: the subject of its incident and the resource id of its provenance. */
    String arn();

    /** Its provenance resource type ({@code ecs-task} …). */
    String type();

    /** A few words for an alert ({@code ECS task arn:…}). */
    String describe();

    /** The region, from the ARN. */
    default String region() {
        return part(3);
    }

    /** The account, from the ARN. */
    default String accountId() {
        return part(4);
    }

    private String part(int index) {
        String[] parts = arn().split(":", 6);
        return parts.length == 6 ? parts[index] : "";
    }

    /**
     * The workload a provenance record names, when its type is a workload's and its resource id an ARN. Details a
     * reader stored ({@code cluster}, {@code group}, {@code name}) complete it.
     */
    static Optional<Workload> of(Provenance record) {
        String arn = record.resourceId();
        if (!arn.startsWith("arn:")) {
            return Optional.empty();
        }
        String type = record.resourceType();
        return switch (type) {
            case EcsTask.TYPE -> Optional.of(new EcsTask(arn, record.detail(EcsTask.CLUSTER).orElse(""),
                    record.detail(EcsTask.GROUP), record.detail(EcsTask.TASK_DEFINITION)));
            case EcsService.TYPE -> Optional.of(new EcsService(arn, record.detail(EcsTask.CLUSTER).orElse("")));
            case CodeBuildBuild.TYPE -> Optional.of(new CodeBuildBuild(arn));
            case CodeBuildBuildBatch.TYPE -> Optional.of(new CodeBuildBuildBatch(arn));
            case CodeBuildProject.TYPE -> Optional.of(new CodeBuildProject(arn));
            case WorkloadTrigger.RULE_TYPE, WorkloadTrigger.SCHEDULE_TYPE -> Optional.of(new WorkloadTrigger(arn,
                    record.details()));
            default -> SageMakerResource.Kind.ofType(type).<Workload>map(kind -> new SageMakerResource(kind, arn))
                    .or(() -> BatchResource.Kind.ofType(type).map(kind -> new BatchResource(kind, arn)));
        };
    }

    /** The last part of an ARN's resource ({@code …:task/cluster/ID} → {@code ID}). */
    static String lastName(String arn) {
        int slash = arn.lastIndexOf('/');
        return slash < 0 ? arn.substring(arn.lastIndexOf(':') + 1) : arn.substring(slash + 1);
    }
}
