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
 * The open exposure holds of IAM identities, in the partition the exposure hold of functions and instances keeps its
 * own ({@code pk EXPOSURE#OPEN}), under the kind {@value #KIND}, so that the review every minute costs one query when
 * none is open:
 * <ul>
 *   <li>{@code identity#WINDOW#containment}: a containment whose window is still watched for identities that appear
 *       with no creator recorded ({@link Window});</li>
 *   <li>{@code identity#HELD#user/NAME} ({@code role/NAME}, {@code key/AKIA…}): an identity held provisionally,
 *       waiting for provenance ({@link Held}).</li>
 * </ul>
 * An item is removed (conditionally: one review wins) when its window closes or its hold is decided; the decision is
 * recorded on the hold's incident ({@link #decide}).
 *
 * <p>IAM actions: {@link #PERMISSIONS} beyond the records' own.
 */
public final class IdentityHolds {
    public static final List<String> PERMISSIONS = List.of("dynamodb:DeleteItem");
    public static final String KIND = "identity";
    private static final String PARTITION = "EXPOSURE#OPEN";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public IdentityHolds(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * A containment's window, watched until {@code until}.
     *
     * @param containment the incident that contained the key (the first that stands)
     * @param accessKeyId the contained key
     * @param principalArn the identity behind it, when known
     */
    public record Window(String containment, String accessKeyId, Optional<String> principalArn, Instant windowStart,
                         Instant until, String accountId) {
    }

    /**
     * An identity held provisionally.
     *
     * @param resourceId   {@code user/NAME}, {@code role/NAME} or {@code key/AKIA…}
     * @param userName     for a key, its user
     * @param holdIncident the hold's own incident (its stopping change)
     * @param appearedAt   its {@code CreateDate}
     * @param until        when, still unexplained, it is contained in full
     */
    public record Held(String resourceId, Optional<String> userName, String holdIncident, Window window,
                       Instant appearedAt, Instant until) {
    }

    /** What is open. */
    public record Open(List<Window> windows, List<Held> held) {
        public boolean isEmpty() {
            return windows.isEmpty() && held.isEmpty();
        }
    }

    /** Starts watching a window; the first write for a containment stands (a later sweep keeps its times). */
    public void watch(Window window) {
        putIfAbsent(common(KIND + "#WINDOW#" + window.containment(), window, window.until()));
    }

    /** Records a hold; false when the identity is held already. */
    public boolean hold(Held held) {
        Map<String, AttributeValue> item = common(KIND + "#HELD#" + held.resourceId(), held.window(), held.until());
        item.put("resourceId", IncidentStore.s(held.resourceId()));
        item.put("userName", IncidentStore.s(held.userName().orElse("")));
        item.put("holdIncident", IncidentStore.s(held.holdIncident()));
        item.put("appearedAt", IncidentStore.s(held.appearedAt().toString()));
        item.put("windowUntil", IncidentStore.s(held.window().until().toString()));
        return putIfAbsent(item);
    }

    /** Every open window and hold of identities: one query. */
    public Open open() {
        List<Window> windows = new ArrayList<>();
        List<Held> held = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :kind)")
                .expressionAttributeValues(Map.of(":pk", IncidentStore.s(PARTITION),
                        ":kind", IncidentStore.s(KIND + "#")))).items().forEach(item -> {
            String principal = IncidentStore.text(item, "principalArn");
            Instant until = Instant.parse(IncidentStore.text(item, "until"));
            boolean isWindow = IncidentStore.text(item, "sk").startsWith(KIND + "#WINDOW#");
            Window window = new Window(IncidentStore.text(item, "containment"), IncidentStore.text(item, "accessKeyId"),
                    principal.isEmpty() ? Optional.empty() : Optional.of(principal),
                    Instant.parse(IncidentStore.text(item, "windowStart")),
                    isWindow ? until : Instant.parse(IncidentStore.text(item, "windowUntil")),
                    IncidentStore.text(item, "accountId"));
            if (isWindow) {
                windows.add(window);
            } else {
                String user = IncidentStore.text(item, "userName");
                held.add(new Held(IncidentStore.text(item, "resourceId"), user.isEmpty() ? Optional.empty()
                        : Optional.of(user), IncidentStore.text(item, "holdIncident"), window,
                        Instant.parse(IncidentStore.text(item, "appearedAt")), until));
            }
        });
        return new Open(windows, held);
    }

    /** Stops watching a window; false when another review did already. */
    public boolean close(Window window) {
        return delete(KIND + "#WINDOW#" + window.containment());
    }

    /** Ends a hold (decided); false when another review ended it already. */
    public boolean close(Held held) {
        return delete(KIND + "#HELD#" + held.resourceId());
    }

    /**
     * Records the decision on the hold's incident ({@code exposureDecision}, {@code exposureReason},
     * {@code exposureDecidedAt}), as the exposure hold of functions does; nothing when the incident was never recorded.
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

    private static Map<String, AttributeValue> common(String sortKey, Window window, Instant until) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", IncidentStore.s(PARTITION));
        item.put("sk", IncidentStore.s(sortKey));
        item.put("containment", IncidentStore.s(window.containment()));
        item.put("accessKeyId", IncidentStore.s(window.accessKeyId()));
        item.put("principalArn", IncidentStore.s(window.principalArn().orElse("")));
        item.put("windowStart", IncidentStore.s(window.windowStart().toString()));
        item.put("until", IncidentStore.s(until.toString()));
        item.put("accountId", IncidentStore.s(window.accountId()));
        return item;
    }

    private boolean putIfAbsent(Map<String, AttributeValue> item) {
        return ConditionalWrites.putIfAbsent(dynamoDb, table, item);
    }

    private boolean delete(String sortKey) {
        return ConditionalWrites.delete(dynamoDb, table, PARTITION, sortKey);
    }
}
