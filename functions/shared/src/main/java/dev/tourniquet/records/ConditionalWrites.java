package dev.tourniquet.records;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The conditional writes the hold stores share (exposure holds, identity holds, the footprint's holds): the first
 * write of an item stands, one run removes it, and a hold's decision lands only on an incident that exists.
 */
final class ConditionalWrites {
    private ConditionalWrites() {}

    /** Writes the item unless one with its key exists; false when one did. */
    static boolean putIfAbsent(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> item) {
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Removes the item {@code partition / sortKey}; false when another run removed it already. */
    static boolean delete(DynamoDbClient dynamoDb, String table, String partition, String sortKey) {
        try {
            dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("pk", IncidentStore.s(partition),
                    "sk", IncidentStore.s(sortKey))).conditionExpression("attribute_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Records a hold's decision on its incident ({@code <prefix>Decision}, {@code <prefix>Reason},
     * {@code <prefix>DecidedAt}); nothing when the incident was never recorded (its claim failed): the alert and the
     * log carry it.
     */
    static void decide(DynamoDbClient dynamoDb, String table, String prefix, String holdIncident, String decision,
                       String reason, Instant at) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(IncidentStore.incidentKey(holdIncident))
                    .updateExpression("SET " + prefix + "Decision = :d, " + prefix + "Reason = :r, " + prefix
                            + "DecidedAt = :t")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":d", IncidentStore.s(decision), ":r", IncidentStore.s(reason),
                            ":t", IncidentStore.s(at.toString()))));
        } catch (ConditionalCheckFailedException e) {
            // no incident to record it on
        }
    }
}
