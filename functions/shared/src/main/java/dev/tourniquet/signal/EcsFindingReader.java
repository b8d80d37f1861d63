package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a GuardDuty Runtime Monitoring finding on ECS ({@code resource.resourceType} {@code ECSCluster} or
 * {@code Container}) into the signal of its task. Contract stub: the ECS part of issue 17 fills it in.
 */
final class EcsFindingReader {
    private EcsFindingReader() {}

    static ParseResult read(Origin origin, JsonNode detail, String reason) {
        return new ParseResult.Ignored("GuardDuty findings on ECS tasks are not contained yet");
    }
}
