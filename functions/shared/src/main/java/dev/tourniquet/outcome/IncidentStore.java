package dev.tourniquet.outcome;

import dev.tourniquet.signal.Signal;
import java.time.Clock;
import java.time.Duration;
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
 *   <li>{@code INCIDENT#id / INCIDENT}: created only if absent; a completed or released one is a
 *       duplicate; one that failed, or whose delivery died (open, claimed longer than {@link #LEASE} ago),
 *       is taken over by exactly one later delivery; one claimed less than {@link #LEASE} ago is busy, so
 *       that two deliveries never run, and record, the same incident at once;</li>
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

    /**
     * How long a claim keeps other deliveries off an open incident. Shorter than the minute Lambda waits
     * before retrying an invocation that died, so that the retry takes over; longer than an incident runs.
     */
    public static final Duration LEASE = Duration.ofSeconds(60);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public IncidentStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, Clock.systemUTC());
    }

    public IncidentStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** What {@link #open} found. */
    public enum Claim {
        /** First delivery: act. */
        NEW,
        /** An earlier attempt did not complete (a retry after a transient failure): act again. */
        RESUMED,
        /** Completed, or released, before: nothing to do. */
        DUPLICATE,
        /** Another delivery is running it now: nothing to do here. */
        BUSY,
        /** A newer revision of this finding was already handled: nothing to do. */
        STALE
    }

    public Claim open(String incidentId, Signal signal, String mode) {
        // Without a revision (a swept resource) there is nothing to order.
        if (signal.origin().findingId().isPresent() && !signal.origin().revision().isEmpty() && isStale(signal)) {
            return Claim.STALE;
        }
        Instant now = clock.instant();
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
        item.put("createdAt", s(now.toString()));
        item.put("claimedAtMillis", AttributeValue.fromN(Long.toString(now.toEpochMilli())));
        item.put("attempts", AttributeValue.fromN("1"));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return Claim.NEW;
        } catch (ConditionalCheckFailedException e) {
            return reclaim(incidentId, now);
        }
    }

    // One conditional write decides between deliveries that find the incident at the same moment.
    private Claim reclaim(String incidentId, Instant now) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(key(incidentId))
                    .updateExpression("SET #status = :open, claimedAtMillis = :now ADD attempts :one")
                    .conditionExpression("attribute_not_exists(releasedAt) AND (#status = :failed OR (#status = :open"
                            + " AND (attribute_not_exists(claimedAtMillis) OR claimedAtMillis < :leaseStart)))")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":open", s(OPEN), ":failed", s(FAILED),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())),
                            ":leaseStart", AttributeValue.fromN(Long.toString(now.minus(LEASE).toEpochMilli())),
                            ":one", AttributeValue.fromN("1"))));
            return Claim.RESUMED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = find(incidentId).orElse(Map.of());
            return COMPLETED.equals(text(existing, "status")) || existing.containsKey("releasedAt")
                    ? Claim.DUPLICATE : Claim.BUSY;
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
                        ":steps", s(stepsJson), ":evidence", s(evidence), ":now", s(clock.instant().toString()))));
    }

    /**
     * Remembers that a credential was contained by an incident, so that CloudTrail records arriving after
     * the sweep (CloudTrail delivers minutes late) contain what the credential created at once.
     */
    public void markContained(String credential, String incidentId) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", s("CONTAINED#" + credential), "sk", s("CONTAINED"),
                "incidentId", s(incidentId), "markedAt", s(clock.instant().toString()))));
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
