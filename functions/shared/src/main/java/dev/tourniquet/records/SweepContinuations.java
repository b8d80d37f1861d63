package dev.tourniquet.records;

import dev.tourniquet.signal.SweepContinuation;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Which continuations of a sweep were put on the bus: one per chain, function and hop. EventBridge may deliver an
 * event twice; both deliveries of a hop then run (harmlessly: each resource's claim lets one act), but only the first
 * to reach the end puts the next hop, so that one chain never becomes two. A put that failed is marked so, and its
 * retry may put it again. A claim whose answer was lost finds its own token on its retry, and keeps it.
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:GetItem}.
 */
public final class SweepContinuations {
    private static final String PUT = "PUT";
    private static final String FAILED = "FAILED";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    SweepContinuations(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Claims putting {@code next} for the sweep of {@code containment}: true for the first claim (or one after a
     * failed put), false when another delivery of the same hop claimed it.
     */
    public boolean claim(String containment, SweepContinuation next) {
        String token = UUID.randomUUID().toString();
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(containment, next));
        item.put("status", s(PUT));
        item.put("claimToken", s(token));
        item.put("claimedAt", s(clock.instant().toString()));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #status = :failed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":failed", s(FAILED)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return true;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : dynamoDb.getItem(r -> r.tableName(table)
                    .key(key(containment, next)).consistentRead(true)).item();
            AttributeValue claimed = existing == null ? null : existing.get("claimToken");
            return claimed != null && token.equals(claimed.s());
        }
    }

    /** The put of {@code next} failed: a retry of this delivery may claim it again. */
    public void failed(String containment, SweepContinuation next) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(containment, next));
        item.put("status", s(FAILED));
        item.put("failedAt", s(clock.instant().toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    private static Map<String, AttributeValue> key(String containment, SweepContinuation next) {
        return Map.of("pk", s("SWEEP#" + containment + "#" + next.function().orElse("") + "#" + next.chain()),
                "sk", s("HOP#" + next.hop()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
