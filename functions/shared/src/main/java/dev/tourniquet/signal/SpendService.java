package dev.tourniquet.signal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A paid compute service the cost and usage brakes can name, and the spend-creating CloudTrail calls of it that the
 * footprint judges ({@link SpendShape#SPENDING_EVENTS}, split by service): what to look up in a region's history when a
 * cost anomaly or a usage alarm names the service.
 */
public enum SpendService {
    /** Lambda: functions created or reconfigured, and event sources that invoke them. */
    LAMBDA("Lambda", List.of("CreateFunction20150331", "UpdateFunctionConfiguration20150331v2",
            "CreateEventSourceMapping20150331")),
    /**
     * EC2 instances however launched: directly, by Spot requests and fleets, and by Auto Scaling groups (whose
     * instances Cost Explorer bills as EC2 compute, Auto Scaling itself being free).
     */
    EC2("EC2", List.of("RunInstances", "RequestSpotInstances", "CreateFleet", "RequestSpotFleet",
            "ModifySpotFleetRequest", "CreateAutoScalingGroup", "UpdateAutoScalingGroup",
            // AWS Batch is free; its EC2 compute environments bill as EC2 compute, as Auto Scaling's groups do.
            "CreateComputeEnvironment", "UpdateComputeEnvironment", "SubmitJob")),
    /** ECS: tasks run and services created (Fargate bills under Amazon Elastic Container Service). */
    ECS("ECS", List.of("RunTask", "CreateService")),
    /** CodeBuild: projects created or changed, builds and batch builds started (billed by the build minute). */
    CODEBUILD("CodeBuild", List.of("CreateProject", "UpdateProject", "StartBuild", "StartBuildBatch")),
    /** SageMaker: training, processing and transform jobs, notebook instances (created or started), endpoints. */
    SAGEMAKER("SageMaker", List.of("CreateTrainingJob", "CreateProcessingJob", "CreateTransformJob",
            "CreateNotebookInstance", "StartNotebookInstance", "CreateEndpoint", "UpdateEndpoint")),
    /**
     * Bedrock model invocations (LLMjacking): judged by region only, and only in regions outside the footprint
     * ({@link BedrockEventReader}).
     */
    BEDROCK("Bedrock", BedrockEventReader.INVOCATION_EVENTS);

    private final String label;
    private final List<String> eventNames;

    SpendService(String label, List<String> eventNames) {
        this.label = label;
        this.eventNames = eventNames;
    }

    /** The CloudTrail event names ({@code LookupEvents} attribute {@code EventName}) that start spend on it. */
    public List<String> eventNames() {
        return eventNames;
    }

    public String label() {
        return label;
    }

    /**
     * The service a Cost Explorer service name stands for ({@code AWS Lambda}; {@code Amazon Elastic Compute Cloud -
     * Compute}, {@code EC2 - Other}), if the footprint judges it. Other services are alerted on, not judged.
     */
    public static Optional<SpendService> ofCostExplorerName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("lambda")) {
            return Optional.of(LAMBDA);
        }
        // Before EC2's: "Amazon EC2 Container Service" is ECS's older name.
        if (lower.contains("elastic container service") || lower.contains("ec2 container service")) {
            return Optional.of(ECS);
        }
        if (lower.contains("elastic compute cloud") || lower.startsWith("ec2")) {
            return Optional.of(EC2);
        }
        if (lower.contains("codebuild")) {
            return Optional.of(CODEBUILD);
        }
        if (lower.contains("sagemaker")) {
            return Optional.of(SAGEMAKER);
        }
        if (lower.contains("bedrock")) {
            return Optional.of(BEDROCK);
        }
        return Optional.empty();
    }
}
