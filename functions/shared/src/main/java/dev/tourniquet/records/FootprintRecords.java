package dev.tourniquet.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the footprint's inventory remembers between its runs, in the incident table:
 * <ul>
 *   <li>{@code FOOTPRINT#SINCE / footprint}: when the inventory first ran with this footprint (its parameters' values):
 *       what no provenance explains and appeared before it is the owner's ({@link #since});</li>
 *   <li>{@code FOOTPRINT#SPARED / resource}: a resource left alone for good — the owner's before the footprint, or
 *       released by a person — so that it is alerted once, never held ({@link #spare});</li>
 *   <li>{@code FOOTPRINT#ANNOUNCED / resource#eventId}: a record announced as outside the footprint (announced once);</li>
 *   <li>{@code FOOTPRINT#OPEN / KIND#HELD#resource}: a resource held (its one stopping call), reviewed every run until
 *       provenance clears it (released) or names a caller outside every exemption (announced), in one partition so
 *       that the review is one query ({@link #hold}, {@link #open}, {@link #close}).</li>
 * </ul>
 *
 * <p>IAM actions: {@link #PERMISSIONS} (DeleteItem only on the {@code FOOTPRINT#OPEN} partition).
 */
public final class FootprintRecords {
    /** Every action the inventory's records call (a hold's item is deleted when it is decided). */
    public static final List<String> PERMISSIONS = List.of("dynamodb:PutItem", "dynamodb:GetItem",
            "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:DeleteItem");
    /** The partition of the open holds (the only one the inventory deletes from). */
    public static final String OPEN = "FOOTPRINT#OPEN";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public FootprintRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * One resource held by the inventory.
     *
     * @param holdIncident the hold's own incident (its stopping call)
     * @param rule         the footprint parameter it broke ({@code DeniedInstanceFamilies} …)
     * @param description  the breach, for the alert
     * @param explainedBy  other resources whose records explain it too (an instance's Spot request or group)
     */
    public record Held(String kind, String resourceId, String region, String accountId, String holdIncident,
                       String rule, String description, Instant heldAt, List<String> explainedBy) {
        public Held {
            explainedBy = List.copyOf(explainedBy);
        }
    }

    /**
     * When the inventory first ran with {@code footprint} (a text naming its settings): {@code now} on the first call,
     * the time the first call stored on every later one.
     */
    public Instant since(String footprint, Instant now) {
        Map<String, AttributeValue> key = Map.of("pk", IncidentStore.s("FOOTPRINT#SINCE"),
                "sk", IncidentStore.s(footprint));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("since", IncidentStore.s(now.toString()));
        if (putIfAbsent(item)) {
            return now;
        }
        Map<String, AttributeValue> stored = dynamoDb.getItem(r -> r.tableName(table).key(key).consistentRead(true))
                .item();
        return Instant.parse(IncidentStore.text(stored, "since"));
    }

    /** Leaves a resource alone for good, for {@code reason}; false when it was spared already. */
    public boolean spare(String resourceId, String reason, Instant at) {
        return putIfAbsent(new HashMap<>(Map.of("pk", IncidentStore.s("FOOTPRINT#SPARED"),
                "sk", IncidentStore.s(resourceId), "reason", IncidentStore.s(reason),
                "sparedAt", IncidentStore.s(at.toString()))));
    }

    /** Why a resource was spared, if it was. */
    public Optional<String> spared(String resourceId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", IncidentStore.s("FOOTPRINT#SPARED"), "sk", IncidentStore.s(resourceId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(IncidentStore.text(item, "reason"));
    }

    /** Whether the record {@code eventId} of a resource was announced already. */
    public boolean announced(String resourceId, String eventId) {
        return dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(announcement(resourceId, eventId)))
                .hasItem();
    }

    /** Notes that the record {@code eventId} of a resource was announced (after its event was put). */
    public void markAnnounced(String resourceId, String eventId, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(announcement(resourceId, eventId));
        item.put("announcedAt", IncidentStore.s(at.toString()));
        dynamoDb.putItem(r -> r.tableName(table).item(item));
    }

    /** Records a hold; false when the resource is held already. */
    public boolean hold(Held held) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", IncidentStore.s(OPEN));
        item.put("sk", IncidentStore.s(held.kind() + "#HELD#" + held.resourceId()));
        item.put("kind", IncidentStore.s(held.kind()));
        item.put("resourceId", IncidentStore.s(held.resourceId()));
        item.put("region", IncidentStore.s(held.region()));
        item.put("accountId", IncidentStore.s(held.accountId()));
        item.put("holdIncident", IncidentStore.s(held.holdIncident()));
        item.put("rule", IncidentStore.s(held.rule()));
        item.put("description", IncidentStore.s(held.description()));
        item.put("heldAt", IncidentStore.s(held.heldAt().toString()));
        item.put("explainedBy", IncidentStore.s(String.join(",", held.explainedBy())));
        return putIfAbsent(item);
    }

    /** Every open hold of one kind: one query. */
    public List<Held> open(String kind) {
        List<Held> held = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :kind)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s(OPEN),
                        ":kind", IncidentStore.s(kind + "#HELD#")))).items().forEach(item -> held.add(new Held(
                IncidentStore.text(item, "kind"), IncidentStore.text(item, "resourceId"),
                IncidentStore.text(item, "region"), IncidentStore.text(item, "accountId"),
                IncidentStore.text(item, "holdIncident"), IncidentStore.text(item, "rule"),
                IncidentStore.text(item, "description"), Instant.parse(IncidentStore.text(item, "heldAt")),
                java.util.Arrays.stream(IncidentStore.text(item, "explainedBy").split(","))
                        .filter(id -> !id.isEmpty()).toList())));
        return held;
    }

    /** Ends a hold (decided); false when another run ended it already. */
    public boolean close(Held held) {
        return close(held.kind(), held.resourceId());
    }

    /** Ends the hold of {@code resourceId}, if one is open; false when none was. */
    public boolean close(String kind, String resourceId) {
        return ConditionalWrites.delete(dynamoDb, table, OPEN, kind + "#HELD#" + resourceId);
    }

    /**
     * Records the decision on the hold's incident ({@code footprintDecision}, {@code footprintReason},
     * {@code footprintDecidedAt}); nothing when the incident was never recorded.
     */
    public void decide(String holdIncident, String decision, String reason, Instant at) {
        ConditionalWrites.decide(dynamoDb, table, "footprint", holdIncident, decision, reason, at);
    }

    private static Map<String, AttributeValue> announcement(String resourceId, String eventId) {
        return Map.of("pk", IncidentStore.s("FOOTPRINT#ANNOUNCED"), "sk", IncidentStore.s(resourceId + "#" + eventId));
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        return ConditionalWrites.putIfAbsent(dynamoDb, table, item);
    }
}
