package dev.tourniquet.records;

import dev.tourniquet.signal.SweepContinuation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Which continuations of a sweep were put on the bus: one per chain, function and hop. EventBridge may deliver an
 * event twice; both deliveries of a hop then run (harmlessly: each resource's claim lets one act), but only the first
 * to reach the end puts the next hop, so that one chain never becomes two.
 *
 * <p>A claim is never lost silently. A claim whose answer was lost finds its own token on the SDK's retry and keeps
 * it; a claim that failed outright, or whose put failed, is marked failed (by its own token), so that the delivery's
 * retry claims it again. Only when that mark failed too does a claim stay taken without its event: a later claim then
 * finds it {@link Claim.Kind#PENDING} (the delivery fails and is retried, never ends the chain quietly) and takes it
 * over once it is older than {@link #TAKEOVER}.
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:GetItem}.
 */
public final class SweepContinuations {
    /**
     * How long a claim may stay without its event before another delivery takes it over: the claimant puts the event
     * within seconds (PutEvents and its retries), and Lambda retries a failed delivery a minute later.
     */
    static final Duration TAKEOVER = Duration.ofSeconds(45);

    private static final String PUT = "PUT";
    private static final String SENT = "SENT";
    private static final String FAILED = "FAILED";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public SweepContinuations(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /**
     * What a claim found.
     *
     * @param kind  whether this delivery puts the hop, another put it, or another claimed it and has not put it yet
     * @param token this claim's own token (for {@link #sent} and {@link #failed})
     */
    public record Claim(Kind kind, String token) {
        public enum Kind {
            /** This delivery puts the next hop. */
            MINE,
            /** Another delivery of the same hop put it: one chain, not two. */
            SENT,
            /** Another delivery claimed it and has not put it (yet): retry later, it is then sent or taken over. */
            PENDING
        }
    }

    /** Claims putting {@code next} for the sweep of {@code containment}. */
    public Claim claim(String containment, SweepContinuation next) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(claimed(containment, next, token, now))
                    .conditionExpression("attribute_not_exists(pk) OR #status = :failed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":failed", s(FAILED)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(Claim.Kind.MINE, token);
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> existing = e.hasItem() ? e.item() : read(containment, next);
            return found(containment, next, existing, token, now);
        } catch (RuntimeException e) {
            // Applied with its answer lost, perhaps: given back, so that this delivery's retry may claim it again.
            attempt(() -> failed(containment, next, token));
            throw e;
        }
    }

    // Taken already: by this claim (its answer lost), put by another, or claimed by another and not put.
    private Claim found(String containment, SweepContinuation next, Map<String, AttributeValue> existing, String token,
                        Instant now) {
        String claimedBy = text(existing, "claimToken");
        if (token.equals(claimedBy)) {
            return new Claim(Claim.Kind.MINE, token);
        }
        String status = text(existing, "status");
        if (SENT.equals(status)) {
            return new Claim(Claim.Kind.SENT, token);
        }
        if (!PUT.equals(status)) {
            // Given back (or gone) between the condition and the read: the delivery's retry claims it.
            return new Claim(Claim.Kind.PENDING, token);
        }
        String claimedAt = text(existing, "claimedAt");
        if (claimedAt.isEmpty() || Instant.parse(claimedAt).plus(TAKEOVER).isAfter(now)) {
            return new Claim(Claim.Kind.PENDING, token);
        }
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(claimed(containment, next, token, now))
                    .conditionExpression("#status = :put AND claimToken = :previous")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":put", s(PUT), ":previous", s(claimedBy))));
            return new Claim(Claim.Kind.MINE, token);
        } catch (ConditionalCheckFailedException e) {
            // Sent, given back or taken over meanwhile: asked again by the delivery's retry.
            return new Claim(Claim.Kind.PENDING, token);
        }
    }

    /** The put of {@code next} by the claim {@code token} succeeded with {@code eventId}. */
    public void sent(String containment, SweepContinuation next, String token, String eventId) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(containment, next));
        item.put("status", s(SENT));
        item.put("claimToken", s(token));
        item.put("eventId", s(eventId));
        item.put("sentAt", s(clock.instant().toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    /** The put of {@code next} by the claim {@code token} failed: a retry of this delivery may claim it again. */
    public void failed(String containment, SweepContinuation next, String token) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(containment, next));
        item.put("status", s(FAILED));
        item.put("failedAt", s(clock.instant().toString()));
        // Only this claim's own: a claim another delivery holds is never given back by this one.
        try {
            dynamoDb.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR claimToken = :token")
                    .expressionAttributeValues(Map.of(":token", s(token))));
        } catch (ConditionalCheckFailedException e) {
            // Not this claim's (taken over meanwhile): nothing of its own to give back.
        }
    }

    private Map<String, AttributeValue> claimed(String containment, SweepContinuation next, String token,
                                                Instant now) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(key(containment, next));
        item.put("status", s(PUT));
        item.put("claimToken", s(token));
        item.put("claimedAt", s(now.toString()));
        return item;
    }

    private Map<String, AttributeValue> read(String containment, SweepContinuation next) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).key(key(containment, next))
                .consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    private static void attempt(Runnable write) {
        try {
            write.run();
        } catch (RuntimeException ignored) {
            // The claim stays taken: a later claim finds it PENDING, and takes it over after TAKEOVER.
        }
    }

    private static Map<String, AttributeValue> key(String containment, SweepContinuation next) {
        return Map.of("pk", s("SWEEP#" + containment + "#" + next.function().orElse("") + "#" + next.chain()),
                "sk", s("HOP#" + next.hop()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
