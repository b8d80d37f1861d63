package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the CloudTrail records that create, start or change rented compute ({@link Workload}) into provenance, each
 * service by its own reader: ECS ({@link EcsEventReader}), CodeBuild ({@link CodeBuildEventReader}), SageMaker
 * ({@link SageMakerEventReader}), AWS Batch ({@link BatchEventReader}).
 */
final class WorkloadEventReader {
    /** Every event name a workload reader takes. */
    static final Set<String> EVENTS = Set.copyOf(Stream.of(EcsEventReader.EVENTS, CodeBuildEventReader.EVENTS,
            SageMakerEventReader.EVENTS, BatchEventReader.EVENTS).flatMap(Set::stream).toList());

    private WorkloadEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        if (!EVENTS.contains(caller.eventName())) {
            return List.of();
        }
        return switch (Json.text(record, "/eventSource").orElse("")) {
            case "ecs.amazonaws.com" -> EcsEventReader.records(record, caller);
            case "codebuild.amazonaws.com" -> CodeBuildEventReader.records(record, caller);
            case "sagemaker.amazonaws.com" -> SageMakerEventReader.records(record, caller);
            case "batch.amazonaws.com" -> BatchEventReader.records(record, caller);
            default -> List.of();
        };
    }
}
