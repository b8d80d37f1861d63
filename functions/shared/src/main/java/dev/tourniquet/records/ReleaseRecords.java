package dev.tourniquet.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tourniquet.internal.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records a release in the incident table: an item {@code pk INCIDENT#id, sk RELEASE#time} with what
 * each step's reversal did, and, when every reversal succeeded, {@code releasedAt} on the incident
 * itself. The incident keeps its status, so a late duplicate of the original event is still a duplicate
 * and does not contain the resource again. Nothing is deleted.
 */
public final class ReleaseRecords {
    private final DynamoDbClient dynamoDb;
    private final String table;

    ReleaseRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The incident as recorded (consistent read); empty when the table has no such incident. */
    public Optional<IncidentRecord> find(String incidentId) {
        return IncidentRecord.read(dynamoDb, table, incidentId);
    }

    /**
     * The steps earlier release runs of this incident restored ({@code step + "\n" + target}): a run after a
     * partial release redoes only what failed, since some reversals cannot be repeated (an instance profile
     * cannot be associated twice).
     */
    public java.util.Set<String> restoredBefore(String incidentId) {
        java.util.Set<String> restored = new java.util.HashSet<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :release)")
                        .expressionAttributeValues(Map.of(":pk", IncidentStore.incidentKey(incidentId).get("pk"),
                                ":release", AttributeValue.fromS("RELEASE#"))))
                .items().stream().map(item -> item.get("restored")).filter(json -> json != null && json.s() != null)
                .forEach(json -> StepRecords.read(json.s()).forEach(r -> {
                    if ("restored".equals(r.path("result").asText())) {
                        restored.add(Restoration.key(r.path("step").asText(), r.path("target").asText()));
                    }
                }));
        return restored;
    }

    /**
     * Marks the release of the incident as started, before anything is undone: the changes it is about to make
     * are then the release's own, and never contained again as tampering ({@link Holds}).
     */
    public void begin(String incidentId, Instant at) {
        dynamoDb.updateItem(r -> r.tableName(table).key(IncidentStore.incidentKey(incidentId))
                .updateExpression("SET releaseStartedAt = :at").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()))));
    }

    /** Writes the release record; returns its sort key. */
    public String record(String incidentId, List<Restoration> restorations, Instant at) {
        boolean complete = restorations.stream().noneMatch(r -> r.result() == Restoration.Result.FAILED);
        String sortKey = "RELEASE#" + at;
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", IncidentStore.incidentKey(incidentId).get("pk"));
        item.put("sk", AttributeValue.fromS(sortKey));
        item.put("incidentId", AttributeValue.fromS(incidentId));
        item.put("releasedAt", AttributeValue.fromS(at.toString()));
        item.put("complete", AttributeValue.fromBool(complete));
        item.put("restored", AttributeValue.fromS(Json.write(json(restorations))));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
        if (complete) {
            markReleased(incidentId, sortKey, at);
        }
        return sortKey;
    }

    // Conditional: two releases racing mark the incident once; the second keeps only its own record.
    private void markReleased(String incidentId, String sortKey, Instant at) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(IncidentStore.incidentKey(incidentId))
                    .updateExpression("SET releasedAt = :at, releaseRecord = :record")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(releasedAt)")
                    .expressionAttributeValues(Map.of(":at", AttributeValue.fromS(at.toString()),
                            ":record", AttributeValue.fromS(sortKey))));
        } catch (ConditionalCheckFailedException alreadyMarked) {
            // released by another run in the meantime: its mark stands
        }
    }

    private static ArrayNode json(List<Restoration> restorations) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        restorations.forEach(r -> array.addObject().put("step", r.step().step()).put("target", r.step().target())
                .put("result", r.result().name().toLowerCase(java.util.Locale.ROOT)).put("detail", r.detail()));
        return array;
    }
}
