package dev.tourniquet.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An incident as the incident table holds it ({@code pk INCIDENT#id, sk INCIDENT}): what it acted on,
 * each step in the order it ran, and whether it was released already.
 */
public record IncidentRecord(String incidentId, String status, String signalType, String subject, String mode,
                      List<RecordedStep> steps, Optional<String> releasedAt) {

    /** Reads one incident with a consistent read; empty when the table has no such incident. */
    static Optional<IncidentRecord> read(DynamoDbClient dynamoDb, String table, String incidentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(IncidentStore.incidentKey(incidentId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IncidentRecord(incidentId, text(item, "status"), text(item, "signalType"),
                text(item, "subject"), text(item, "mode"), steps(incidentId, text(item, "steps")),
                Optional.of(text(item, "releasedAt")).filter(s -> !s.isEmpty())));
    }

    /** The applied steps, newest first: the order in which they are undone. */
    public List<RecordedStep> appliedNewestFirst() {
        List<RecordedStep> applied = new ArrayList<>(steps.stream().filter(RecordedStep::applied).toList());
        java.util.Collections.reverse(applied);
        return applied;
    }

    private static List<RecordedStep> steps(String incidentId, String json) {
        if (json.isEmpty()) {
            return List.of();
        }
        try {
            List<RecordedStep> steps = new ArrayList<>();
            for (JsonNode node : Json.MAPPER.readTree(json)) {
                steps.add(RecordedStep.from(node));
            }
            return steps;
        } catch (IOException e) {
            throw new IllegalStateException("incident " + incidentId + " has a steps attribute that is not JSON: "
                    + e.getMessage(), e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
