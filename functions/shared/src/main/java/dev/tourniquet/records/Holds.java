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
 * <p>A resource is held by every incident that contained it after the latest start of a release of any incident
 * that held it: a release frees the resource from the holds made before it. A release is recorded as started before it undoes
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

    /**
     * The incidents holding {@code resource} contained now, oldest hold first: every hold made after the latest
     * start of a release of any incident that held it (see the class comment); empty when none.
     */
    public List<String> holders(String resource) {
        List<Map<String, AttributeValue>> holds = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s(pk(resource))))).items().forEach(holds::add);
        String releasedLast = holds.stream().map(hold -> releaseStarted(IncidentStore.text(hold, "incidentId")))
                .flatMap(Optional::stream).max(Comparator.naturalOrder()).orElse("");
        return holds.stream().filter(hold -> IncidentStore.text(hold, "heldAt").compareTo(releasedLast) > 0)
                .sorted(Comparator.comparing(hold -> IncidentStore.text(hold, "heldAt")))
                .map(hold -> IncidentStore.text(hold, "incidentId")).toList();
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
