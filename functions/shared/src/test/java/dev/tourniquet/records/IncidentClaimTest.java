package dev.tourniquet.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.records.IncidentStore.Claim;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * How a delivery's claim reads DynamoDB's answers, against a table whose incident record already exists (the
 * conditions themselves run on moto in IncidentStoreIT): two deliveries must never run one incident at once,
 * and one that finds it running must fail, so that Lambda retries it, rather than return as done.
 */
class IncidentClaimTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** A table where the incident exists: every write's condition fails unless told otherwise. */
    private static final class ExistingIncident implements DynamoDbClient {
        final List<UpdateItemRequest> updates = new ArrayList<>();
        final Map<String, AttributeValue> record;
        boolean takeOverSucceeds;
        /** What DynamoDB returns with a failed condition (ALL_OLD); null: nothing, as a store without it. */
        Map<String, AttributeValue> returned;

        ExistingIncident(Map<String, AttributeValue> record) {
            this.record = record;
        }

        @Override
        public PutItemResponse putItem(PutItemRequest request) {
            throw ConditionalCheckFailedException.builder().message("exists").build();
        }

        @Override
        public UpdateItemResponse updateItem(UpdateItemRequest request) {
            updates.add(request);
            if (request.key().get("pk").s().startsWith("FINDING#")) {
                return UpdateItemResponse.builder().build();
            }
            if (!takeOverSucceeds) {
                throw ConditionalCheckFailedException.builder().message("condition").item(returned).build();
            }
            return UpdateItemResponse.builder().build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            return GetItemResponse.builder().item(record).build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static Claim claim(ExistingIncident table) {
        IncidentStore store = new IncidentStore(table, "tourniquet-incidents", Clock.fixed(NOW, ZoneOffset.UTC));
        Signal signal = ((ParseResult.Signals) new SignalParser().parse(
                Samples.load("health-risk-credentials-exposed.json"))).signals().get(0);
        return store.open(IncidentIds.of(signal), signal, "enforce");
    }

    private static Map<String, AttributeValue> withStatus(String status) {
        return Map.of("status", AttributeValue.fromS(status));
    }

    @Test
    void open_incidentRunningUnderAnotherDeliverysLease_isBusy() {
        assertThat(claim(new ExistingIncident(withStatus(IncidentStore.OPEN)))).isEqualTo(Claim.BUSY);
    }

    @Test
    void open_failedConditionReturningTheRecord_decidesOnWhatTheConditionSaw() {
        ExistingIncident table = new ExistingIncident(withStatus(IncidentStore.COMPLETED));
        table.returned = withStatus(IncidentStore.OPEN);

        assertThat(claim(table)).as("completed since, but running when the claim was refused").isEqualTo(Claim.BUSY);
    }

    @Test
    void open_incidentCompleted_isADuplicate() {
        assertThat(claim(new ExistingIncident(withStatus(IncidentStore.COMPLETED)))).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void open_incidentReleasedWhileItFailed_isADuplicate() {
        ExistingIncident table = new ExistingIncident(Map.of("status", AttributeValue.fromS(IncidentStore.FAILED),
                "releasedAt", AttributeValue.fromS("2026-11-23T11:00:00Z")));

        assertThat(claim(table)).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void open_takingOver_takesTheLeaseFromTheInjectedClock_andMarksTheIncidentOpen() {
        ExistingIncident table = new ExistingIncident(withStatus(IncidentStore.FAILED));
        table.takeOverSucceeds = true;

        assertThat(claim(table)).isEqualTo(Claim.RESUMED);

        UpdateItemRequest takeOver = table.updates.get(table.updates.size() - 1);
        assertThat(takeOver.conditionExpression()).contains("leaseUntil < :now", "#status = :failed");
        assertThat(takeOver.expressionAttributeValues().get(":now").n()).isEqualTo(Long.toString(NOW.toEpochMilli()));
        assertThat(takeOver.expressionAttributeValues().get(":lease").n())
                .isEqualTo(Long.toString(NOW.plus(IncidentStore.LEASE).toEpochMilli()));
        assertThat(takeOver.expressionAttributeValues().get(":open").s()).isEqualTo(IncidentStore.OPEN);
    }
}
