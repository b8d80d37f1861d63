package dev.tourniquet.records;

import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Signal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The incident records in DynamoDB ({@code pk}, {@code sk} strings). Conditional writes make every
 * incident act once under duplicate, retried and out-of-order delivery:
 * <ul>
 *   <li>{@code INCIDENT#id / INCIDENT}: created only if absent; a completed or released one is a
 *       duplicate; one that failed, or whose attempt's lease ({@link #LEASE}) ran out (its delivery died), is
 *       resumed by one delivery, and its steps report {@code already_applied} for what was done (so is one a sweep's
 *       first phase left {@link #STOPPED}); one whose
 *       attempt still holds its lease is busy, and that delivery fails, to be retried. Closing keeps, for
 *       every step, the attempt that applied it ({@link StepRecords}), so that the prior state release needs
 *       is never overwritten by a later attempt that found the step done;</li>
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
     * A swept resource whose stopping call was made and recorded (a sweep's first phase) and whose evidence, trigger
     * cuts and alert are still to come: resumed by the second phase like a failed attempt, never a duplicate.
     */
    public static final String STOPPED = "STOPPED";

    /**
     * How long an attempt keeps other deliveries of its incident off: longer than an incident runs (seconds),
     * shorter than the minute Lambda waits before retrying a delivery that failed or died, so that the retry
     * of a dead attempt finds the lease run out and takes over.
     */
    public static final Duration LEASE = Duration.ofSeconds(45);

    private static final int CLOSE_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public IncidentStore(DynamoDbClient dynamoDb, String table) {
        this(dynamoDb, table, Clock.systemUTC());
    }

    /** @param clock when leases start and run out (tests move it instead of waiting) */
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
        /** A newer revision of this finding was already handled: nothing to do. */
        STALE,
        /**
         * Another delivery is running it now (its lease holds): this delivery fails and is retried, and the
         * retry finds it done (a duplicate), failed or its lease run out (resumed).
         */
        BUSY
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
        Instant now = clock.instant();
        item.put("createdAt", s(now.toString()));
        item.put("attempts", AttributeValue.fromN("1"));
        item.put("leaseUntil", millis(now.plus(LEASE)));
        // Whose lease it is: a claim applied with its answer lost is refused on its retry, and must not find
        // its own lease "busy" (that delivery would fail, and containment wait for Lambda's retry).
        String token = java.util.UUID.randomUUID().toString();
        item.put("claimToken", s(token));
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return Claim.NEW;
        } catch (ConditionalCheckFailedException e) {
            return reclaim(incidentId, now, token);
        }
    }

    // Attempts of one incident never run at once: one running would find the steps of the other half done, and
    // both would apply what neither found done (two deliveries deactivating one key). A delivery that finds
    // the lease held fails rather than returning, so that Lambda retries it: a lease then never drops the
    // delivery that should take over from an attempt that died.
    private Claim reclaim(String incidentId, Instant now, String token) {
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(incidentKey(incidentId))
                    .updateExpression("SET #status = :open, leaseUntil = :lease, claimToken = :token ADD attempts :one")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(releasedAt)"
                            + " AND #status <> :completed AND (#status = :failed OR #status = :stopped"
                            + " OR attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":completed", s(COMPLETED),
                            ":failed", s(FAILED), ":stopped", s(STOPPED), ":open", s(OPEN), ":now", millis(now),
                            ":lease", millis(now.plus(LEASE)), ":token", s(token)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.RESUMED;
        } catch (ConditionalCheckFailedException e) {
            // The record as the condition found it, else (a store that does not return it) as it is now.
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : find(incidentId).orElse(Map.of());
            if (token.equals(text(existing, "claimToken")) && !existing.containsKey("releasedAt")
                    && !COMPLETED.equals(text(existing, "status"))) {
                return Claim.RESUMED;
            }
            return COMPLETED.equals(text(existing, "status")) || existing.containsKey("releasedAt")
                    ? Claim.DUPLICATE : Claim.BUSY;
        }
    }

    /**
     * Closes an attempt. {@code COMPLETED} makes later deliveries duplicates; {@code FAILED} lets a retry
     * resume. The steps are merged with those recorded by earlier attempts ({@link StepRecords}).
     */
    public void close(String incidentId, String status, String decision, String stepsJson, String evidence) {
        close(incidentId, status, decision, stepsJson, evidence, java.util.UUID.randomUUID().toString());
    }

    private void close(String incidentId, String status, String decision, String stepsJson, String evidence,
                       String token) {
        // Attempts of one incident may close at the same moment: each merges with the record it read and
        // writes only if nobody wrote since (stepsVersion), else reads and merges again. A write applied with its
        // answer lost fails its retry the same way: the close tokens hold its own, and it is not merged twice.
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
                                ":steps", s(steps), ":evidence", s(evidence), ":now", s(clock.instant().toString()),
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
     * Closes the first attempt of an incident that no attempt closed before (a sweep's first phase on an incident it
     * claimed new) in one conditional write, without reading the record first; one that was closed since (or whose
     * write was applied with its answer lost) is closed by {@link #close}, merged as always.
     */
    public void closeFirst(String incidentId, String status, String decision, String stepsJson, String evidence) {
        String token = java.util.UUID.randomUUID().toString();
        String steps = StepRecords.merge("", stepsJson);
        try {
            dynamoDb.updateItem(r -> r.tableName(table).key(incidentKey(incidentId))
                    .updateExpression("SET #status = :status, decision = :decision, steps = :steps, "
                            + "evidence = :evidence, updatedAt = :now, stepsVersion = :next ADD closeTokens :token")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(stepsVersion)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", s(status), ":decision", s(decision),
                            ":steps", s(steps), ":evidence", s(evidence), ":now", s(clock.instant().toString()),
                            ":token", AttributeValue.fromSs(List.of(token)), ":next", AttributeValue.fromN("1"))));
        } catch (ConditionalCheckFailedException e) {
            // Same token: a first write applied with its answer lost is found, not merged twice.
            close(incidentId, status, decision, stepsJson, evidence, token);
        }
    }

    /**
     * Remembers that a credential was contained by an incident, so that CloudTrail records arriving after
     * the sweep (CloudTrail delivers minutes late) contain what the credential created at once.
     */
    public void markContained(String credential, String incidentId) {
        markContained(credential, new Containment(incidentId, Instant.EPOCH, Implication.EXPOSED, Optional.empty()));
    }

    /**
     * Remembers the containment with its exposure window and implication: a later signal about the same
     * credential, and each late record, is judged inside the window of this first containment.
     */
    public void markContained(String credential, Containment containment) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", s("CONTAINED#" + credential),
                "sk", s("CONTAINED"), "incidentId", s(containment.incidentId()),
                "markedAt", s(clock.instant().toString()), "windowStart", s(containment.windowStart().toString()),
                "implication", s(containment.implication().id())));
        containment.flaggedResource().ifPresent(flagged -> item.put("flaggedResource", s(flagged)));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    /** The incident that contained this credential, unless there is none or it was released since. */
    public Optional<String> containedBy(String credential) {
        return containment(credential).map(Containment::incidentId);
    }

    /**
     * The standing containment of this credential (none, or released since: empty). A marker written before
     * windows existed names no window: {@link Instant#EPOCH}, unbounded.
     */
    public Optional<Containment> containment(String credential) {
        Map<String, AttributeValue> marker = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("CONTAINED#" + credential), "sk", s("CONTAINED")))).item();
        if (marker == null || marker.isEmpty()) {
            return Optional.empty();
        }
        String incidentId = text(marker, "incidentId");
        boolean released = find(incidentId).map(item -> item.containsKey("releasedAt")).orElse(false);
        if (released) {
            return Optional.empty();
        }
        Instant window = dev.tourniquet.signal.Envelope.instant(text(marker, "windowStart")).orElse(Instant.EPOCH);
        String flagged = text(marker, "flaggedResource");
        return Optional.of(new Containment(incidentId, window, Implication.parse(text(marker, "implication")),
                flagged.isEmpty() ? Optional.empty() : Optional.of(flagged)));
    }

    /**
     * The resource an incident holds beyond a creator sweep's count ({@link dev.tourniquet.signal.ChainEvents#CREATOR_HOLD});
     * empty when there is no such incident, or it is no hold.
     */
    public Optional<HeldResource> hold(String incidentId) {
        return find(incidentId)
                .filter(item -> dev.tourniquet.signal.ChainEvents.CREATOR_HOLD.equals(text(item, "findingType")))
                .map(item -> new HeldResource(incidentId, text(item, "signalType"), text(item, "subject"),
                        text(item, "accountId"), text(item, "region"), item.containsKey("releasedAt")));
    }

    /**
     * A resource held beyond a creator sweep's count.
     *
     * @param signalType {@code function} or {@code instance}
     * @param subject    the function ARN or instance id
     * @param released   whether the hold was released already
     */
    public record HeldResource(String incidentId, String signalType, String subject, String accountId, String region,
                               boolean released) {
    }

    /**
     * A credential's standing containment.
     *
     * @param incidentId      the incident that contained it first
     * @param windowStart     when its exposure window opened ({@link Instant#EPOCH}: unbounded)
     * @param implication     how it was implicated
     * @param flaggedResource for a creator, the resource that implicated it
     */
    public record Containment(String incidentId, Instant windowStart, Implication implication,
                              Optional<String> flaggedResource) {
    }

    /**
     * The containment standing for a caller: its access key's, else that of the identity behind its ARN (a user or
     * role an incident created is contained whole, whichever of its keys or sessions calls).
     */
    public Optional<String> containedByCaller(Optional<String> accessKeyId, String principalArn) {
        return accessKeyId.flatMap(this::containedBy)
                .or(() -> dev.tourniquet.signal.TagWrites.identityOf(principalArn).flatMap(this::containedBy));
    }

    /**
     * Whether a sweep's first phase is done with this incident: its stop recorded ({@link #STOPPED}), the incident
     * completed, or released. A resumed sweep then continues where it stopped, without repeating a stop.
     */
    public boolean stoppedOrDone(String incidentId) {
        return find(incidentId).map(item -> item.containsKey("releasedAt")
                || STOPPED.equals(text(item, "status")) || COMPLETED.equals(text(item, "status"))).orElse(false);
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

    private static AttributeValue millis(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.toEpochMilli()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
