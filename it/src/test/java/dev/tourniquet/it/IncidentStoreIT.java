package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.IncidentStore.Claim;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The incident claims on moto's DynamoDB: what is done is done once, what is not done is resumed. */
class IncidentStoreIT {
    private Emulator emulator;
    private DynamoDbClient dynamoDb;
    private IncidentStore store;

    @BeforeEach
    void freshTable() {
        emulator = Emulator.fresh(Mode.ENFORCE, List.of());
        dynamoDb = emulator.admin().dynamoDb();
        store = new IncidentStore(dynamoDb, emulator.configuration().tableName());
    }

    @Test
    void anIncidentStillRunning_isBusy_untilItsLeaseRunsOut_thenOneDeliveryTakesItOver() {
        Signal signal = exposedKey();
        String id = IncidentIds.of(signal);
        Instant start = Instant.parse("2026-11-23T12:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        IncidentStore timed = new IncidentStore(dynamoDb, emulator.configuration().tableName(),
                new ReadClock(now::get));
        assertThat(timed.open(id, signal, "enforce")).isEqualTo(Claim.NEW);

        now.set(start.plus(IncidentStore.LEASE).minusSeconds(1));
        assertThat(timed.open(id, signal, "enforce")).as("running still: two attempts at once would both act")
                .isEqualTo(Claim.BUSY);

        // Its delivery died: Lambda's retry comes a minute later, after the lease.
        now.set(start.plus(IncidentStore.LEASE).plusSeconds(1));
        assertThat(timed.open(id, signal, "enforce")).isEqualTo(Claim.RESUMED);
        assertThat(timed.open(id, signal, "enforce")).as("the lease is the taker's now").isEqualTo(Claim.BUSY);
        assertThat(attribute(id, "attempts").n()).isEqualTo("2");
    }

    @Test
    void closingAResumedAttempt_keepsThePriorStateTheFirstAttemptRecorded() {
        Signal signal = exposedKey();
        String id = failedIncident(signal);
        store.open(id, signal, "enforce");

        store.close(id, IncidentStore.COMPLETED, "act", """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied","prior":{"AKIA1":"Inactive"}}]""",
                "");

        assertThat(attribute(id, "steps").s()).contains("\"result\":\"applied\"").contains("\"AKIA1\":\"Active\"")
                .doesNotContain("already_applied");
    }

    @Test
    void twoAttemptsClosingAtTheSameMoment_bothKeepWhatTheyApplied() {
        Signal signal = exposedKey();
        String id = IncidentIds.of(signal);
        store.open(id, signal, "enforce");
        IncidentStore other = new IncidentStore(dynamoDb, emulator.configuration().tableName());
        AtomicBoolean raced = new AtomicBoolean();
        ExecutionInterceptor closeInBetween = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UpdateItemRequest update && update.updateExpression().contains("steps =")
                        && raced.compareAndSet(false, true)) {
                    other.close(id, IncidentStore.COMPLETED, "act", """
                            [{"step":"attach-quarantine-policy","target":"user/u","result":"applied"}]""", "");
                }
            }
        };
        IncidentStore racing = new IncidentStore(new AwsClients(emulator.configuration(), List.of(closeInBetween))
                .dynamoDb(), emulator.configuration().tableName());

        racing.close(id, IncidentStore.COMPLETED, "act", """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"applied"}]""", "");

        assertThat(raced).isTrue();
        assertThat(attribute(id, "steps").s()).contains("deactivate-access-key", "attach-quarantine-policy");
    }

    @Test
    void aFailedIncident_isResumedAtOnceByOneDelivery_andACompletedOneIsADuplicate() {
        Signal signal = exposedKey();
        String id = failedIncident(signal);

        assertThat(store.open(id, signal, "enforce")).isEqualTo(Claim.RESUMED);
        assertThat(store.open(id, signal, "enforce")).as("a second delivery while the first resumes it")
                .isEqualTo(Claim.BUSY);

        store.close(id, IncidentStore.COMPLETED, "act", "[]", "");
        assertThat(store.open(id, signal, "enforce")).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void anIncidentStoppedBySweepsFirstPhase_isResumedAtOnceNeverADuplicate_andKeepsTheStopsPriorState() {
        Signal signal = exposedKey();
        String id = IncidentIds.of(signal);
        assertThat(store.open(id, signal, "enforce")).isEqualTo(Claim.NEW);
        assertThat(store.stoppedOrDone(id)).isFalse();
        store.closeFirst(id, IncidentStore.STOPPED, "act", """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"applied","prior":{"AKIA1":"Active"}}]""",
                "");
        assertThat(store.stoppedOrDone(id)).as("a resumed first phase skips it").isTrue();

        assertThat(store.open(id, signal, "enforce")).as("its lease still runs: the full run takes it over")
                .isEqualTo(Claim.RESUMED);
        store.close(id, IncidentStore.COMPLETED, "act", """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"already_applied","prior":{"AKIA1":"Inactive"}}]""",
                "");

        assertThat(attribute(id, "steps").s()).contains("\"AKIA1\":\"Active\"").doesNotContain("already_applied");
        assertThat(store.open(id, signal, "enforce")).isEqualTo(Claim.DUPLICATE);
    }

    @Test
    void aReleasedIncident_isNeverTakenUpAgain_evenOneThatFailed() {
        Signal signal = exposedKey();
        String id = failedIncident(signal);
        dynamoDb.updateItem(r -> r.tableName(emulator.configuration().tableName()).key(IncidentStore.incidentKey(id))
                .updateExpression("SET releasedAt = :at")
                .expressionAttributeValues(Map.of(":at", AttributeValue.fromS("2026-11-23T12:00:00Z"))));

        assertThat(store.open(id, signal, "enforce")).isEqualTo(Claim.DUPLICATE);
        assertThat(attribute(id, "status").s()).isEqualTo(IncidentStore.FAILED);
    }

    @Test
    void aSweptResource_hasNoRevisionToOrder_soNoFindingRecordIsWritten() {
        Origin chain = ((ParseResult.Sweep) new SignalParser().parse(Emulator.sample("tourniquet-credential-contained.json")))
                .request().origin();
        Origin swept = new SweepRequest(chain, "inc-containment", "AKIAIOSFODNN7EXAMPLE", Optional.empty())
                .resourceOrigin("123456789012", "us-west-2");
        Signal function = new CompromisedFunction(swept, "arn:aws:lambda:us-west-2:123456789012:function:xmrig",
                "xmrig", "us-west-2", Optional.empty(), "swept");

        assertThat(store.open(IncidentIds.of(function), function, "enforce")).isEqualTo(Claim.NEW);
        assertThat(dynamoDb.scan(r -> r.tableName(emulator.configuration().tableName())).items())
                .extracting(item -> item.get("pk").s()).noneMatch(pk -> pk.startsWith("FINDING#"));
    }

    private static Signal exposedKey() {
        return ((ParseResult.Signals) new SignalParser().parse(Emulator.sample("health-risk-credentials-exposed.json")))
                .signals().get(0);
    }

    // A first attempt that deactivated the key, then failed.
    private String failedIncident(Signal signal) {
        String id = IncidentIds.of(signal);
        store.open(id, signal, "enforce");
        store.close(id, IncidentStore.FAILED, "act", """
                [{"step":"deactivate-access-key","target":"AKIA1","result":"applied","prior":{"AKIA1":"Active"}}]""", "");
        return id;
    }

    private AttributeValue attribute(String incidentId, String name) {
        return store.find(incidentId).orElseThrow().get(name);
    }
}
