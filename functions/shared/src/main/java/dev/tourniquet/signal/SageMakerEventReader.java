package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Reads SageMaker's CloudTrail records (CreateTrainingJob, CreateProcessingJob, CreateTransformJob, CreateNotebookInstance, CreateEndpoint) into provenance of the workloads they
 * create, start or change ({@link Workload}). Contract stub: the SageMaker part of issue 17 fills it in.
 */
final class SageMakerEventReader {
    static final Set<String> EVENTS = Set.of();

    private SageMakerEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        return List.of();
    }
}
