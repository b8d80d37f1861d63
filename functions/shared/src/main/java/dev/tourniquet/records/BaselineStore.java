package dev.tourniquet.records;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The configuration of every trail, GuardDuty detector and Tourniquet resource as the scheduled baseline last
 * found it, so that an undo restores what was there. One item per resource: {@code BASELINE#KIND#REGION#ID /
 * BASELINE}, holding the configuration as JSON, whether it was healthy (logging, enabled, its concurrency
 * reserved …) and when it was read.
 *
 * <p>A baseline never weakens itself: an unhealthy configuration (a trail stopped by an attacker between two
 * baselines) does not replace a healthy one; it is written only where nothing healthy was recorded.
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:GetItem}.
 */
public final class BaselineStore {
    public static final java.util.List<String> PERMISSIONS = java.util.List.of("dynamodb:PutItem", "dynamodb:GetItem");
    private static final String SORT = "BASELINE";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public BaselineStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * Records a resource's configuration.
     *
     * @return false when it was unhealthy and a healthy one was kept instead
     */
    public boolean record(String key, JsonNode configuration, boolean healthy, Instant at) {
        Map<String, AttributeValue> item = Map.of("pk", IncidentStore.s("BASELINE#" + key), "sk", IncidentStore.s(SORT),
                "configuration", IncidentStore.s(Json.write(configuration)),
                "healthy", AttributeValue.fromBool(healthy), "recordedAt", IncidentStore.s(at.toString()));
        try {
            dynamoDb.putItem(r -> {
                r.tableName(table).item(item);
                if (!healthy) {
                    r.conditionExpression("attribute_not_exists(pk) OR healthy = :unhealthy")
                            .expressionAttributeValues(Map.of(":unhealthy", AttributeValue.fromBool(false)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The recorded configuration of a resource, if a baseline saw it. */
    public Optional<JsonNode> find(String key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", IncidentStore.s("BASELINE#" + key), "sk", IncidentStore.s(SORT)))).item();
        if (item == null || item.isEmpty() || !item.containsKey("configuration")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readTree(item.get("configuration").s()));
        } catch (IOException e) {
            throw new UncheckedIOException("baseline item " + key + " holds no JSON", e);
        }
    }
}
