package dev.tourniquet.records;

import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.TagWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:Query}.
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

    @Override
    public Optional<Provenance> latest(String resourceId) {
        QueryResponse response = dynamoDb.query(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s("RESOURCE#" + resourceId),
                        ":prefix", IncidentStore.s("PROVENANCE#")))
                .scanIndexForward(false).limit(1).consistentRead(true));
        return response.items().stream().findFirst().map(ProvenanceStore::provenance);
    }

    @Override
    public List<Provenance> history(String resourceId) {
        return queryAll("RESOURCE#" + resourceId, "PROVENANCE#", false);
    }

    /** Every resource of one type (function, instance, spot-request) this credential created or changed. */
    public List<Provenance> touchedBy(String credential, String resourceType) {
        return queryAll("CREDENTIAL#" + credential, resourceType + "#", true);
    }

    // Every item of one key whose sort key starts with the prefix, page after page, in sort-key order or reversed.
    private List<Provenance> queryAll(String pk, String prefix, boolean forward) {
        List<Provenance> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(r -> r.tableName(table)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", IncidentStore.s(pk), ":prefix", IncidentStore.s(prefix)))
                    .scanIndexForward(forward).exclusiveStartKey(from).consistentRead(true));
            page.items().stream().map(ProvenanceStore::provenance).forEach(found::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return found;
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
