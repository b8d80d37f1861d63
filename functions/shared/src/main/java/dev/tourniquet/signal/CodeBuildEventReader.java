package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * Reads CodeBuild's CloudTrail records (CreateProject, UpdateProject, StartBuild) into provenance of the workloads they
 * create, start or change ({@link Workload}). Contract stub: the CodeBuild part of issue 17 fills it in.
 */
final class CodeBuildEventReader {
    static final Set<String> EVENTS = Set.of();

    private CodeBuildEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        return List.of();
    }
}
