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
 * The open exposure holds, in one partition ({@code pk EXPOSURE#OPEN}), so that the review that runs every minute
 * costs one query when none is open:
 * <ul>
 *   <li>{@code KIND#WINDOW#containment}: a containment whose window is still being watched for resources that appear
 *       with no creator recorded ({@link Window});</li>
 *   <li>{@code KIND#HELD#resource}: a resource held provisionally, waiting for provenance ({@link Held}).</li>
 * </ul>
 * {@code KIND} is {@code function} or {@code instance}: each function reads and removes only its own. An item is
 * removed (conditionally: one review wins) when its window closes or its hold is decided; the decision itself is
 * recorded on the hold's incident ({@link #decide}).
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
public final class ExposureHolds {
    /** What the exposure hold needs beyond the records' own permissions. */
    public static final List<String> PERMISSIONS = List.of("dynamodb:DeleteItem");

    private static final String PARTITION = "EXPOSURE#OPEN";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ExposureHolds(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * A containment's window, watched until {@code until}.
     *
     * @param containment the incident that contained the credential (the first that stands)
     * @param windowStart when its exposure window opened
     * @param containedAt when the hold was taken
     */
    public record Window(String kind, String containment, String accessKeyId, Optional<String> principalArn,
                         Instant windowStart, Instant containedAt, Instant until, String accountId) {
    }

    /**
     * A resource held provisionally.
     *
     * @param holdIncident the hold's own incident (its stopping call)
     * @param appearedAt   its creation or last change, as its service reports it
     * @param until        when, still unexplained, it is contained in full
     * @param explainedBy  other resources whose records explain it too (an instance's Spot request)
     */
    public record Held(String kind, String resourceId, String region, String accountId, String holdIncident,
                       String containment, String accessKeyId, Optional<String> principalArn, Instant windowStart,
                       Instant appearedAt, Instant until, List<String> explainedBy) {
        public Held {
            explainedBy = List.copyOf(explainedBy);
        }
    }

    /** What is open for one kind. */
    public record Open(List<Window> windows, List<Held> held) {
        public boolean isEmpty() {
            return windows.isEmpty() && held.isEmpty();
        }
    }

    /** Starts watching a window; the first write for a containment stands (a later sweep keeps its times). */
    public void watch(Window window) {
        Map<String, AttributeValue> item = common(window.kind() + "#WINDOW#" + window.containment(),
                window.containment(), window.accessKeyId(), window.principalArn(), window.windowStart(),
                window.until(), window.accountId());
        item.put("containedAt", IncidentStore.s(window.containedAt().toString()));
        putIfAbsent(item);
    }

    /** Records a hold; false when the resource is held already. */
    public boolean hold(Held held) {
        Map<String, AttributeValue> item = common(held.kind() + "#HELD#" + held.resourceId(), held.containment(),
                held.accessKeyId(), held.principalArn(), held.windowStart(), held.until(), held.accountId());
        item.put("resourceId", IncidentStore.s(held.resourceId()));
        item.put("region", IncidentStore.s(held.region()));
        item.put("holdIncident", IncidentStore.s(held.holdIncident()));
        item.put("appearedAt", IncidentStore.s(held.appearedAt().toString()));
        item.put("explainedBy", IncidentStore.s(String.join(",", held.explainedBy())));
        return putIfAbsent(item);
    }

    /** Every open window and hold of one kind: one query (a page holds far more than a few incidents make). */
    public Open open(String kind) {
        List<Window> windows = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :kind)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s(PARTITION),
                        ":kind", IncidentStore.s(kind + "#")))).items().forEach(item -> {
            String key = IncidentStore.text(item, "accessKeyId");
            String principal = IncidentStore.text(item, "principalArn");
            Optional<String> arn = principal.isEmpty() ? Optional.empty() : Optional.of(principal);
            String containment = IncidentStore.text(item, "containment");
            Instant start = Instant.parse(IncidentStore.text(item, "windowStart"));
            Instant until = Instant.parse(IncidentStore.text(item, "until"));
            String account = IncidentStore.text(item, "accountId");
            if (IncidentStore.text(item, "sk").startsWith(kind + "#WINDOW#")) {
                windows.add(new Window(kind, containment, key, arn, start,
                        Instant.parse(IncidentStore.text(item, "containedAt")), until, account));
            } else {
                held.add(new Held(kind, IncidentStore.text(item, "resourceId"), IncidentStore.text(item, "region"),
                        account, IncidentStore.text(item, "holdIncident"), containment, key, arn, start,
                        Instant.parse(IncidentStore.text(item, "appearedAt")), until,
                        java.util.Arrays.stream(IncidentStore.text(item, "explainedBy").split(","))
                                .filter(id -> !id.isEmpty()).toList()));
            }
        });
        return new Open(windows, held);
    }

    /** Stops watching a window; false when another review did already. */
    public boolean close(Window window) {
        return delete(window.kind() + "#WINDOW#" + window.containment());
    }

    /** Ends a hold (decided); false when another review ended it already. */
    public boolean close(Held held) {
        return delete(held.kind() + "#HELD#" + held.resourceId());
    }

    /**
     * Records the decision on the hold's incident ({@code exposureDecision}, {@code exposureReason},
     * {@code exposureDecidedAt}); nothing when the incident was never recorded (its claim failed).
     */
    public void decide(String holdIncident, String decision, String reason, Instant at) {
        ConditionalWrites.decide(dynamoDb, table, "exposure", holdIncident, decision, reason, at);
    }

    /** The decision recorded on a hold's incident, if any. */
    public Optional<String> decision(String holdIncident) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table).consistentRead(true)
                .key(IncidentStore.incidentKey(holdIncident))).item();
        String decision = item == null ? "" : IncidentStore.text(item, "exposureDecision");
        return decision.isEmpty() ? Optional.empty() : Optional.of(decision);
    }

    private static Map<String, AttributeValue> common(String sortKey, String containment, String accessKeyId,
                                                      Optional<String> principalArn, Instant windowStart,
                                                      Instant until, String accountId) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", IncidentStore.s(PARTITION));
        item.put("sk", IncidentStore.s(sortKey));
        item.put("containment", IncidentStore.s(containment));
        item.put("accessKeyId", IncidentStore.s(accessKeyId));
        item.put("principalArn", IncidentStore.s(principalArn.orElse("")));
        item.put("windowStart", IncidentStore.s(windowStart.toString()));
        item.put("until", IncidentStore.s(until.toString()));
        item.put("accountId", IncidentStore.s(accountId));
        return item;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        return ConditionalWrites.putIfAbsent(dynamoDb, table, item);
    }

    private boolean delete(String sortKey) {
        return ConditionalWrites.delete(dynamoDb, table, PARTITION, sortKey);
    }
}
