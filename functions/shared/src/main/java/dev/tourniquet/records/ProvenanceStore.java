package dev.tourniquet.records;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Who created or changed each function and instance, fed by CloudTrail events, so that attribution
 * never waits for CloudTrail LookupEvents. Two items per record:
 * <ul>
 *   <li>{@code RESOURCE#resourceId / PROVENANCE#time#eventId}: the history of one resource;</li>
 *   <li>{@code CREDENTIAL#accessKeyId / resourceType#resourceId}: what one credential touched (the sweep);</li>
 *   <li>{@code CREDENTIAL#user/NAME} or {@code CREDENTIAL#role/NAME}, the same: what one identity touched through
 *       any of its keys or sessions.</li>
 * </ul>
 * and, for the history sweep of a containment, {@code HISTORY#incidentId / resourceType#resourceId#eventId}: how far
 * it got with each record it found that the events had not delivered.
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:Query}, {@code dynamodb:GetItem} (the history sweep).
 */
public final class ProvenanceStore implements ProvenanceHistory {
    /** What reading provenance needs on top of the records' own permissions (writing needs only PutItem). */
    public static final java.util.List<String> READ_PERMISSIONS = java.util.List.of("dynamodb:Query");

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ProvenanceStore(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public void record(Provenance provenance) {
        Map<String, AttributeValue> attributes = attributes(provenance);
        Map<String, AttributeValue> history = new HashMap<>(attributes);
        history.put("pk", IncidentStore.s("RESOURCE#" + provenance.resourceId()));
        history.put("sk", IncidentStore.s("PROVENANCE#" + provenance.time() + "#" + provenance.eventId()));
        dynamoDb.putItem(r -> r.tableName(table).item(history));
        String credential = provenance.accessKeyId().orElse(provenance.principalArn());
        Map<String, AttributeValue> touched = new HashMap<>(attributes);
        touched.put("pk", IncidentStore.s("CREDENTIAL#" + credential));
        touched.put("sk", IncidentStore.s(provenance.resourceType() + "#" + provenance.resourceId()));
        dynamoDb.putItem(r -> r.tableName(table).item(touched));
        // Also under the identity behind the caller (user/NAME, role/NAME): a role's sessions each have their own
        // key, and what an identity an incident created did is found by that identity.
        java.util.Optional<String> identity = TagWrites.identityOf(provenance.principalArn())
                .filter(id -> !id.equals(credential));
        if (identity.isPresent()) {
            Map<String, AttributeValue> byIdentity = new HashMap<>(touched);
            byIdentity.put("pk", IncidentStore.s("CREDENTIAL#" + identity.get()));
            dynamoDb.putItem(r -> r.tableName(table).item(byIdentity));
        }
    }

    /** Whether this very record (its resource, time and event) is stored already. */
    public boolean has(Provenance provenance) {
        return dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "pk", IncidentStore.s("RESOURCE#" + provenance.resourceId()),
                "sk", IncidentStore.s("PROVENANCE#" + provenance.time() + "#" + provenance.eventId())))).hasItem();
    }

    /** How far the history sweep of a containment got with one record it found (see {@link #markHistory}). */
    public enum HistoryMark {
        /** Taken in: about to be stored and announced (an attempt that failed after this takes it in again). */
        TAKING,
        /** Stored and announced: nothing left to do for it in this containment. */
        TAKEN
    }

    /**
     * Notes how far the history sweep of {@code containment} got with {@code record}:
     * {@code HISTORY#containment / resourceType#resourceId#eventId}. It tells a record the history itself stored
     * (whose announcement may have failed since) from one the events delivered, which the containment's own sweep
     * covers.
     */
    public void markHistory(String containment, Provenance record, HistoryMark mark) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", IncidentStore.s("HISTORY#" + containment),
                "sk", IncidentStore.s(historyKey(record)), "mark", IncidentStore.s(mark.name()),
                "eventName", IncidentStore.s(record.eventName()))));
    }

    /** How far the history sweep of {@code containment} got with {@code record}, if it ever found it. */
    public Optional<HistoryMark> historyMark(String containment, Provenance record) {
        var item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "pk", IncidentStore.s("HISTORY#" + containment), "sk", IncidentStore.s(historyKey(record)))));
        return item.hasItem() ? Optional.of(HistoryMark.valueOf(IncidentStore.text(item.item(), "mark")))
                : Optional.empty();
    }

    private static String historyKey(Provenance record) {
        return record.resourceType() + "#" + record.resourceId() + "#" + record.eventId();
    }

    @Override
    public Optional<Provenance> latest(String resourceId) {
        QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s("RESOURCE#" + resourceId),
                        ":prefix", IncidentStore.s("PROVENANCE#")))
                .scanIndexForward(false).limit(1).consistentRead(true));
        return response.items().stream().findFirst().map(ProvenanceStore::provenance);
    }

    /** Every record of one resource, newest first (a role's earlier trust, the functions a layer was attached to). */
    @Override
    public List<Provenance> history(String resourceId) {
        return queryAll("RESOURCE#" + resourceId, "PROVENANCE#", false);
    }

    /** Every resource of one type (function, instance, spot-request, share, iam …) this credential created or changed. */
    public List<Provenance> touchedBy(String credential, String resourceType) {
        return queryAll("CREDENTIAL#" + credential, resourceType + "#", true);
    }

    /**
     * Every resource of any of these types this credential created or changed, in sort-key order: the credential's
     * whole partition read once and filtered here, the same records as {@link #touchedBy(String, String)} type by
     * type, in one query (page after page) rather than one per type (the workload sweep asks for fourteen kinds).
     */
    public List<Provenance> touchedBy(String credential, Collection<String> resourceTypes) {
        List<String> prefixes = resourceTypes.stream().map(type -> type + "#").toList();
        List<Provenance> found = new ArrayList<>();
        query(Map.of(":pk", IncidentStore.s("CREDENTIAL#" + credential)), "pk = :pk", true, item -> {
            String sk = IncidentStore.text(item, "sk");
            if (prefixes.stream().anyMatch(sk::startsWith)) {
                found.add(provenance(item));
            }
        });
        return found;
    }

    // Every item of one partition whose sort key starts with the prefix, page after page, read consistently.
    private List<Provenance> queryAll(String partition, String prefix, boolean forward) {
        List<Provenance> found = new ArrayList<>();
        query(Map.of(":pk", IncidentStore.s(partition), ":prefix", IncidentStore.s(prefix)),
                "pk = :pk AND begins_with(sk, :prefix)", forward, item -> found.add(provenance(item)));
        return found;
    }

    // Every item the key condition selects, page after page, read consistently.
    private void query(Map<String, AttributeValue> values, String keyCondition, boolean forward,
                       Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table).keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values).scanIndexForward(forward).exclusiveStartKey(from)
                    .consistentRead(true));
            page.items().forEach(each);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private static Map<String, AttributeValue> attributes(Provenance p) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", IncidentStore.s(p.eventId()));
        item.put("eventName", IncidentStore.s(p.eventName()));
        item.put("time", IncidentStore.s(p.time().toString()));
        item.put("region", IncidentStore.s(p.region()));
        item.put("accountId", IncidentStore.s(p.accountId()));
        item.put("resourceType", IncidentStore.s(p.resourceType()));
        item.put("resourceId", IncidentStore.s(p.resourceId()));
        item.put("accessKeyId", IncidentStore.s(p.accessKeyId().orElse("")));
        item.put("principalArn", IncidentStore.s(p.principalArn()));
        item.put("principalType", IncidentStore.s(p.principalType()));
        if (!p.details().isEmpty()) {
            Map<String, AttributeValue> details = new HashMap<>();
            p.details().forEach((k, v) -> details.put(k, IncidentStore.s(v)));
            item.put("details", AttributeValue.fromM(details));
        }
        return item;
    }

    private static Provenance provenance(Map<String, AttributeValue> item) {
        String key = IncidentStore.text(item, "accessKeyId");
        return new Provenance(IncidentStore.text(item, "eventId"), IncidentStore.text(item, "eventName"),
                Instant.parse(IncidentStore.text(item, "time")), IncidentStore.text(item, "region"),
                IncidentStore.text(item, "accountId"), IncidentStore.text(item, "resourceType"),
                IncidentStore.text(item, "resourceId"), key.isEmpty() ? Optional.empty() : Optional.of(key),
                IncidentStore.text(item, "principalArn"), IncidentStore.text(item, "principalType"),
                details(item));
    }

    private static Map<String, String> details(Map<String, AttributeValue> item) {
        AttributeValue details = item.get("details");
        Map<String, String> found = new HashMap<>();
        if (details != null && details.hasM()) {
            details.m().forEach((k, v) -> {
                if (v.s() != null) {
                    found.put(k, v.s());
                }
            });
        }
        return found;
    }
}
