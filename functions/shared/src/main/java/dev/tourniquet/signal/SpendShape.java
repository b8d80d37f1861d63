package dev.tourniquet.signal;

import java.util.Optional;
import java.util.Set;

/**
 * The shape of what a spend-creating CloudTrail record launched, kept in its {@link Provenance#details()} so that the
 * owner's footprint can judge it (the record's region is the record's own): an instance's type, a function's memory
 * and timeout. A record that does not say (an update that changed only the timeout, a group launching from a
 * template) leaves the key out; the judge then reads what it needs, or judges the region alone.
 */
public final class SpendShape {
    /**
     * An instance's (or a Spot request's, fleet's or group's) instance type, {@code g5.xlarge}; a fleet or group that
     * may launch several types lists them comma-separated ({@code m5.large,g5.xlarge}), each judged.
     */
    public static final String INSTANCE_TYPE = "instanceType";
    /** A function's memory, in MB, as CloudTrail writes it ({@code memorySize}). */
    public static final String MEMORY_MB = "memorySize";
    /** A function's timeout, in seconds ({@code timeout}). */
    public static final String TIMEOUT_SECONDS = "timeout";

    /** The AWS service that made the call for its caller ({@code userIdentity.invokedBy}), when one did. */
    public static final String INVOKED_BY = "invokedBy";

    /** The record types whose creation or change can start spend, and so are judged by the footprint. */
    public static final Set<String> SPENDING_TYPES = Set.of("function", "instance", LaunchSource.SPOT_REQUEST,
            LaunchSource.AUTO_SCALING_GROUP, LaunchSource.SPOT_FLEET, LaunchSource.EC2_FLEET,
            // ECS tasks and services (issue 17): judged by region only (AllowedRegions); Fargate has no instance type.
            EcsTask.TYPE, EcsService.TYPE,
            // CodeBuild and Batch (issue 17): a build's compute type is not an EC2 type, so region only.
            CodeBuildProject.TYPE, CodeBuildBuild.TYPE, CodeBuildBuildBatch.TYPE, BatchResource.Kind.COMPUTE_ENVIRONMENT.type(),
            BatchResource.Kind.JOB.type(),
            // SageMaker (issue 17): judged by region and by the EC2 type behind an ml. type.
            SageMakerResource.Kind.TRAINING_JOB.type(), SageMakerResource.Kind.PROCESSING_JOB.type(),
            SageMakerResource.Kind.TRANSFORM_JOB.type(), SageMakerResource.Kind.NOTEBOOK_INSTANCE.type(),
            SageMakerResource.Kind.ENDPOINT.type(),
            // Bedrock model invocations (issue 17): judged by region only.

            BedrockEventReader.MODEL_INVOCATION);

    /**
     * The event names that create or change spend (issue 16's list): a record of another call (a tag, a
     * permission, a start of an owner's stopped instance) names the resource but starts nothing new.
     */
    public static final Set<String> SPENDING_EVENTS = Set.of("CreateFunction20150331",
            "UpdateFunctionConfiguration20150331v2", "CreateEventSourceMapping20150331", "RunInstances",
            "RequestSpotInstances", "CreateFleet", "RequestSpotFleet", "ModifySpotFleetRequest",
            "CreateAutoScalingGroup", "UpdateAutoScalingGroup",
            "RunTask", "CreateService",
            "CreateProject", "UpdateProject", "StartBuild", "StartBuildBatch",
            "CreateComputeEnvironment", "UpdateComputeEnvironment", "SubmitJob",
            "CreateTrainingJob", "CreateProcessingJob",
            "CreateTransformJob", "CreateNotebookInstance", "StartNotebookInstance", "CreateEndpoint", "UpdateEndpoint",
            // Bedrock model invocations, judged by region only (read from history, never routed).
            "InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream");

    private SpendShape() {}

    /** Whether the footprint judges this record: a spend-creating call on a resource that spends. */
    public static boolean judged(Provenance record) {
        return SPENDING_TYPES.contains(record.resourceType()) && SPENDING_EVENTS.contains(record.eventName());
    }

    /** The record's instance type, or the first of several ({@link #instanceTypes}). */
    public static Optional<String> instanceType(Provenance record) {
        return instanceTypes(record).stream().findFirst();
    }

    /** Every instance type the record names (a fleet's overrides, a group's mixed instances policy). */
    public static java.util.List<String> instanceTypes(Provenance record) {
        return record.detail(INSTANCE_TYPE).stream().flatMap(t -> java.util.Arrays.stream(t.split(",")))
                .map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /**
     * The EC2 instance type a SageMaker {@code ml.} type runs on ({@code ml.p4d.24xlarge} → {@code p4d.24xlarge}), by
     * which the footprint judges its family and vCPUs; any other type as it is.
     */
    public static String ec2InstanceType(String instanceType) {
        return instanceType.regionMatches(true, 0, "ml.", 0, 3) ? instanceType.substring(3) : instanceType;
    }

    public static Optional<Integer> memoryMb(Provenance record) {
        return record.detail(MEMORY_MB).flatMap(SpendShape::number);
    }

    public static Optional<Integer> timeoutSeconds(Provenance record) {
        return record.detail(TIMEOUT_SECONDS).flatMap(SpendShape::number);
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
