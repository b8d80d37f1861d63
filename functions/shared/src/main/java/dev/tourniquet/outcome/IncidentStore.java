package dev.tourniquet.outcome;

import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The incident records in DynamoDB ({@code pk}, {@code sk} strings). Conditional writes make every
 * incident act once under duplicate, retried and out-of-order delivery:
 * <ul>
 *   <li>{@code INCIDENT#id / INCIDENT}: created only if absent; a completed one is a duplicate;</li>
 *   <li>{@code FINDING#findingId#subject / LATEST}: the newest finding revision seen; an older revision
 *       arriving late is stale and acts on nothing.</li>
 * </ul>
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:GetItem}, {@code dynamodb:UpdateItem}.
 */
public final class IncidentStore {
    public static final String COMPLETED = "COMPLETED";
    public static final String OPEN = "OPEN";
    public static final String FAILED = "FAILED";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public IncidentStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** What {@link #open} found. */
    public enum Claim {
        /** First delivery: act. */
        NEW,
        /** An earlier attempt did not complete (a retry after a transient failure): act again. */
        RESUMED,
        /** Completed before: nothing to do. */
        DUPLICATE,
        /** A newer revision of this finding was already handled: nothing to do. */
        STALE
    }

    public Claim open(String incidentId, Signal signal, String mode) {
        if (signal.origin().findingId().isPresent() && isStale(signal)) {
            return Claim.STALE;
        }
        Map<String, AttributeValue> item = new HashMap<>(key(incidentId));
        item.put("incidentId", s(incidentId));
        item.put("status", s(OPEN));
        item.put("signalType", s(signal.signalType()));
        item.put("subject", s(signal.subject()));
        item.put("source", s(signal.origin().source()));
        item.put("eventId", s(signal.origin().eventId()));
        item.put("deduplicationKey", s(signal.origin().deduplicationKey()));
        item.put("findingType", s(signal.origin().findingType().orElse("")));
        item.put("accountId", s(signal.origin().accountId()));
        item.put("region", s(signal.origin().region()));
        item.put("mode", s(mode));
        item.put("createdAt", s(Instant.now().toString()));
        item.put("attempts", AttributeValue.fromN("1"));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return Claim.NEW;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = find(incidentId).orElse(Map.of());
            if (COMPLETED.equals(text(existing, "status"))) {
                return Claim.DUPLICATE;
            }
            dynamoDb.updateItem(r -> r.tableName(table).key(key(incidentId))
                    .updateExpression("ADD attempts :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))));
            return Claim.RESUMED;
        }
    }

    /**
     * Closes an attempt. {@code COMPLETED} makes later deliveries duplicates; {@code FAILED} lets a retry
     * resume.
     */
    public void close(String incidentId, String status, String decision, String stepsJson, String evidence) {
        dynamoDb.updateItem(r -> r.tableName(table).key(key(incidentId))
                .updateExpression("SET #status = :status, decision = :decision, steps = :steps, "
                        + "evidence = :evidence, updatedAt = :now")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", s(status), ":decision", s(decision),
                        ":steps", s(stepsJson), ":evidence", s(evidence), ":now", s(Instant.now().toString()))));
    }

    /**
     * Remembers that a credential was contained by an incident, so that CloudTrail records arriving after
     * the sweep (CloudTrail delivers minutes late) contain what the credential created at once.
     */
    public void markContained(String credential, String incidentId) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", s("CONTAINED#" + credential), "sk", s("CONTAINED"),
                "incidentId", s(incidentId), "markedAt", s(Instant.now().toString()))));
    }

    /** The incident that contained this credential, unless there is none or it was released since. */
    public Optional<String> containedBy(String credential) {
        Map<String, AttributeValue> marker = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONTAINED#" + credential), "sk", s("CONTAINED")))).item();
        if (marker == null || marker.isEmpty()) {
            return Optional.empty();
        }
        String incidentId = text(marker, "incidentId");
        boolean released = find(incidentId).map(item -> item.containsKey("releasedAt")).orElse(false);
        return released ? Optional.empty() : Optional.of(incidentId);
    }

    public Optional<Map<String, AttributeValue>> find(String incidentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(incidentId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    // GuardDuty updatedAt values share one ISO-8601 format, so text order is time order.
    private boolean isStale(Signal signal) {
        String revision = signal.origin().revision();
        try {
            dynamoDb.updateItem(r -> r.tableName(table)
                    .key(Map.of("pk", s("FINDING#" + signal.origin().findingId().get() + "#" + signal.subject()),
                            "sk", s("LATEST")))
                    .updateExpression("SET revision = :revision")
                    .conditionExpression("attribute_not_exists(pk) OR revision <= :revision")
                    .expressionAttributeValues(Map.of(":revision", s(revision))));
            return false;
        } catch (ConditionalCheckFailedException e) {
            return true;
        }
    }

    private static Map<String, AttributeValue> key(String incidentId) {
        return Map.of("pk", s("INCIDENT#" + incidentId), "sk", s("INCIDENT"));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
