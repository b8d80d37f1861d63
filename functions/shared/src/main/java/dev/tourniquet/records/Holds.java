package dev.tourniquet.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which incident holds a resource contained, so that a change undoing the containment is recognised
 * ({@code pk HOLD#resource, sk INCIDENT#id}, {@code heldAt}): written for every step an incident applied, keyed by
 * the step's target (an access key id, {@code user/NAME}, {@code role/NAME}, a function's ARN, an instance id).
 *
 * <p>A resource is held while the latest thing that happened to it is a hold: an incident that contained it, with
 * no release of any incident that held it started since. A release is recorded as started before it undoes
 * anything ({@link ReleaseRecords#begin}), so that its own undo calls are never taken for tampering.
 *
 * <p>IAM actions: {@code dynamodb:PutItem}, {@code dynamodb:Query}, {@code dynamodb:GetItem}.
 */
public final class Holds {
    private final DynamoDbClient dynamoDb;
    private final String table;

    Holds(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Records that {@code incidentId} contained {@code resource} at {@code at}. */
    public void hold(String resource, String incidentId, Instant at) {
        dynamoDb.putItem(r -> r.tableName(table).item(Map.of("pk", IncidentStore.s(pk(resource)),
                "sk", IncidentStore.s("INCIDENT#" + incidentId), "incidentId", IncidentStore.s(incidentId),
                "heldAt", IncidentStore.s(at.toString()))));
    }

    /** The incident holding {@code resource} contained now, if one does (see the class comment). */
    public Optional<String> holder(String resource) {
        List<Map<String, AttributeValue>> holds = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s(pk(resource))))).items().forEach(holds::add);
        Optional<Map<String, AttributeValue>> latest = holds.stream()
                .max(Comparator.comparing(item -> IncidentStore.text(item, "heldAt")));
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        String heldAt = IncidentStore.text(latest.get(), "heldAt");
        for (Map<String, AttributeValue> hold : holds) {
            Optional<String> released = releaseStarted(IncidentStore.text(hold, "incidentId"));
            if (released.filter(at -> at.compareTo(heldAt) >= 0).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of(IncidentStore.text(latest.get(), "incidentId"));
    }

    // When a release of the incident started (or, for a release recorded before releases were begun, ended).
    private Optional<String> releaseStarted(String incidentId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(IncidentStore.incidentKey(incidentId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(IncidentStore.text(item, "releaseStartedAt")).filter(s -> !s.isEmpty())
                .or(() -> Optional.of(IncidentStore.text(item, "releasedAt")).filter(s -> !s.isEmpty()));
    }

    private static String pk(String resource) {
        return "HOLD#" + resource;
    }
}
