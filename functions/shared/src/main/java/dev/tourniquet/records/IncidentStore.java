package dev.tourniquet.records;

import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The incident records in DynamoDB ({@code pk}, {@code sk} strings). Conditional writes make every
 * incident act once under duplicate, retried and out-of-order delivery:
 * <ul>
 *   <li>{@code INCIDENT#id / INCIDENT}: created only if absent; a completed or released one is a
 *       duplicate; any other (failed, or open because its delivery died or is still running) is resumed,
 *       and its steps report {@code already_applied} for what was done. Closing keeps, for every step, the
 *       attempt that applied it ({@link StepRecords}), so that the prior state release needs is never
 *       overwritten by a later attempt that found the step done;</li>
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

    private static final int CLOSE_ATTEMPTS = 5;

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
        /** Completed, or released, before: nothing to do. */
        DUPLICATE,
        /** A newer revision of this finding was already handled: nothing to do. */
        STALE
    }

    public Claim open(String incidentId, Signal signal, String mode) {
        // Without a revision (a swept resource) there is nothing to order.
        if (signal.origin().findingId().isPresent() && !signal.origin().revision().isEmpty() && isStale(signal)) {
            return Claim.STALE;
        }
        Map<String, AttributeValue> item = new HashMap<>(incidentKey(incidentId));
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
            return reclaim(incidentId);
        }
    }

    // A delivery that never acts twice would need a lease, and a lease can outlive the delivery holding it
    // while Lambda's retries go by; acting again is safe (steps are idempotent, closing keeps the first
    // applied record), so only a completed or released incident is refused.
    private Claim reclaim(String incidentId) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(incidentKey(incidentId))
                    .updateExpression("ADD attempts :one")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(releasedAt)"
                            + " AND #status <> :completed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":completed", s(COMPLETED))));
            return Claim.RESUMED;
        } catch (ConditionalCheckFailedException e) {
            return Claim.DUPLICATE;
        }
    }

    /**
     * Closes an attempt. {@code COMPLETED} makes later deliveries duplicates; {@code FAILED} lets a retry
     * resume. The steps are merged with those recorded by earlier attempts ({@link StepRecords}).
     */
    public void close(String incidentId, String status, String decision, String stepsJson, String evidence) {
        // Attempts of one incident may close at the same moment: each merges with the record it read and
        // writes only if nobody wrote since (stepsVersion), else reads and merges again. A write applied with its
        // answer lost fails its retry the same way: the close tokens hold its own, and it is not merged twice.
        String token = java.util.UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            Map<String, AttributeValue> current = find(incidentId).orElse(Map.of());
            if (current.containsKey("closeTokens") && current.get("closeTokens").ss().contains(token)) {
                return;
            }
            String version = current.containsKey("stepsVersion") ? current.get("stepsVersion").n() : "0";
            String steps = StepRecords.merge(text(current, "steps"), stepsJson);
            try {
                dynamoDb.updateItem(r -> r.tableName(table).key(incidentKey(incidentId))
                        .updateExpression("SET #status = :status, decision = :decision, steps = :steps, "
                                + "evidence = :evidence, updatedAt = :now, stepsVersion = :next ADD closeTokens :token")
                        .conditionExpression("attribute_not_exists(stepsVersion) OR stepsVersion = :read")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":status", s(status), ":decision", s(decision),
                                ":steps", s(steps), ":evidence", s(evidence), ":now", s(Instant.now().toString()),
                                ":read", AttributeValue.fromN(version), ":token", AttributeValue.fromSs(List.of(token)),
                                ":next", AttributeValue.fromN(Long.toString(Long.parseLong(version) + 1)))));
                return;
            } catch (ConditionalCheckFailedException e) {
                if (attempt == CLOSE_ATTEMPTS) {
                    throw e;
                }
            }
        }
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
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(incidentKey(incidentId))
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

    /** The key of an incident's record ({@code INCIDENT#id / INCIDENT}); its release records share its pk. */
    public static Map<String, AttributeValue> incidentKey(String incidentId) {
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
