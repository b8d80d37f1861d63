package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.signal.SageMakerResource;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Reads one SageMaker resource as SageMaker describes it (its {@code Describe*} answer, with AWS's member names), and
 * its status word. A resource SageMaker does not know is gone ({@link ResourceGoneException}): SageMaker answers a
 * missing name with a {@code ValidationException} ("Could not find", "not found", "RecordNotFound"), not a 404.
 */
final class SageMakerReads {
    private SageMakerReads() {}

    /** The whole description of {@code resource}. */
    static ObjectNode describe(SageMakerClient sageMaker, SageMakerResource resource) {
        String name = resource.name();
        try {
            return switch (resource.kind()) {
                case TRAINING_JOB -> SdkJson.object(sageMaker.describeTrainingJob(r -> r.trainingJobName(name)));
                case PROCESSING_JOB -> SdkJson.object(sageMaker.describeProcessingJob(r -> r.processingJobName(name)));
                case TRANSFORM_JOB -> SdkJson.object(sageMaker.describeTransformJob(r -> r.transformJobName(name)));
                case NOTEBOOK_INSTANCE -> SdkJson.object(sageMaker.describeNotebookInstance(
                        r -> r.notebookInstanceName(name)));
                case ENDPOINT -> SdkJson.object(sageMaker.describeEndpoint(r -> r.endpointName(name)));
            };
        } catch (SageMakerException e) {
            throw gone(e, resource.describe()).orElseThrow(() -> e);
        }
    }

    /** The endpoint configuration {@code name} as SageMaker describes it, if it still exists. */
    static Optional<ObjectNode> endpointConfig(SageMakerClient sageMaker, String name) {
        try {
            return Optional.of(SdkJson.object(sageMaker.describeEndpointConfig(r -> r.endpointConfigName(name))));
        } catch (SageMakerException e) {
            if (gone(e, name).isPresent()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The status word of a description ({@code InProgress}, {@code InService}, {@code Stopped} …). */
    static String status(SageMakerResource.Kind kind, ObjectNode description) {
        String member = switch (kind) {
            case TRAINING_JOB -> "TrainingJobStatus";
            case PROCESSING_JOB -> "ProcessingJobStatus";
            case TRANSFORM_JOB -> "TransformJobStatus";
            case NOTEBOOK_INSTANCE -> "NotebookInstanceStatus";
            case ENDPOINT -> "EndpointStatus";
        };
        return description.path(member).asText("");
    }

    private static Optional<ResourceGoneException> gone(SageMakerException e, String what) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        boolean missing = "ResourceNotFound".equals(code) || ("ValidationException".equals(code)
                && (message.contains("could not find") || message.contains("not found")
                || message.contains("recordnotfound") || message.contains("does not exist")));
        return missing ? Optional.of(new ResourceGoneException(what + " does not exist")) : Optional.empty();
    }
}
