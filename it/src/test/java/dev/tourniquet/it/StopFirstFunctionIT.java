package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.records.IncidentStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A function sweep stops first: every function the contained key created, in every region, gets its reserved
 * concurrency of 0 before any function's evidence is read, each stop recorded under the function's own incident with
 * its true prior state (a release puts that back), and a sweep run again resumes without stopping anything twice.
 */
class StopFirstFunctionIT extends QuarantineFunctionScenario {

    @Test
    void sweep_stopsEveryFunctionOfEveryRegionBeforeAnyEvidence_andReleaseRestoresTheTruePriorConcurrency() {
        scene(Mode.ENFORCE, List.of());
        List<Deployed> miners = List.of(scene.attacker(MiningScene.WEST, "xmrig-w1", "xmrig-exec"),
                scene.attacker(MiningScene.WEST, "xmrig-w2", "xmrig-exec"),
                scene.attacker(MiningScene.WEST, "xmrig-w3", "xmrig-exec"),
                scene.attacker(MiningScene.EAST, "xmrig-e1", "xmrig-exec-east"),
                scene.attacker(MiningScene.EAST, "xmrig-e2", "xmrig-exec-east"));
        Deployed reserved = miners.get(4);
        scene.lambda(reserved.region()).putFunctionConcurrency(r -> r.functionName(reserved.name())
                .reservedConcurrentExecutions(7));
        Deployed billing = scene.owner(MiningScene.WEST, "billing-api", "shared-exec");
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = deliver(contained());

        List<OperationRecorder.Call> calls = inOrder(emulator.recorder(FUNCTION));
        List<Integer> stops = indexes(calls, "lambda:PutFunctionConcurrency");
        assertThat(stops).as("one concurrency call per function, none repeated by the full runs").hasSize(5);
        int lastStop = stops.get(stops.size() - 1);
        for (String evidence : List.of("lambda:GetFunctionConcurrency", "lambda:GetPolicy",
                "lambda:ListEventSourceMappings", "s3:PutObject")) {
            assertThat(indexes(calls, evidence)).as(evidence).isNotEmpty()
                    .allSatisfy(i -> assertThat(i).as(evidence + " after the last stop").isGreaterThan(lastStop));
        }
        for (Deployed miner : miners) {
            assertThat(scene.concurrency(miner)).as(miner.name()).isZero();
            JsonNode incident = incidentOf(deliveries, miner);
            assertThat(step(incident, "set-reserved-concurrency-zero").path("result").asText())
                    .as("the full run finds it stopped").isEqualTo("already_applied");
            JsonNode recorded = recordedStep(incident.path("incidentId").asText(), "set-reserved-concurrency-zero");
            assertThat(recorded.path("result").asText()).as("the first phase's record is kept").isEqualTo("applied");
        }
        assertThat(scene.concurrency(billing)).isNull();
        JsonNode sweep = sweepResponse(deliveries);
        assertThat(sweep.path("stoppedFirst").path("stopped").asInt()).isEqualTo(5);

        String reservedIncident = incidentOf(deliveries, reserved).path("incidentId").asText();
        assertThat(recordedStep(reservedIncident, "set-reserved-concurrency-zero").path("prior")
                .path("reservedConcurrentExecutions").asInt()).isEqualTo(7);
        Releases.release(emulator, reservedIncident);
        Releases.release(emulator, incidentOf(deliveries, miners.get(0)).path("incidentId").asText());
        assertThat(scene.concurrency(reserved)).as("put back as it was").isEqualTo(7);
        assertThat(scene.concurrency(miners.get(0))).as("unreserved again").isNull();
    }

    @Test
    void sweepRunAgain_afterItsFirstPhase_resumesWithoutStoppingAnythingTwice() {
        scene(Mode.ENFORCE, List.of());
        Deployed first = scene.attacker(MiningScene.WEST, "xmrig-w1", "xmrig-exec");
        Deployed second = scene.attacker(MiningScene.EAST, "xmrig-e1", "xmrig-exec-east");
        String interrupted = incidentOf(deliver(contained()), first).path("incidentId").asText();
        // As if the sweep had died after its first phase: the incident STOPPED, its paperwork not done.
        emulator.admin().dynamoDb().updateItem(r -> r.tableName(emulator.configuration().tableName())
                .key(IncidentStore.incidentKey(interrupted))
                .updateExpression("SET #status = :stopped").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":stopped", AttributeValue.fromS(IncidentStore.STOPPED))));
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> again = deliver(contained());

        assertThat(emulator.recorder(FUNCTION).actions()).doesNotContain("lambda:PutFunctionConcurrency");
        assertThat(incidentOf(again, first).path("claim").asText()).isEqualTo("resumed");
        assertThat(incidentOf(again, second).path("claim").asText()).isEqualTo("duplicate");
        assertThat(recordedStep(interrupted, "set-reserved-concurrency-zero").path("result").asText())
                .isEqualTo("applied");
        assertThat(status(interrupted)).isEqualTo(IncidentStore.COMPLETED);
        assertThat(scene.concurrency(first)).isZero();
    }

    @Test
    void planMode_stopsNothingFirst() {
        scene(Mode.PLAN, List.of());
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-w1", "xmrig-exec");
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = deliver(contained());

        assertThat(emulator.recorder(FUNCTION).actions()).doesNotContain("lambda:PutFunctionConcurrency");
        assertThat(scene.concurrency(miner)).isNull();
        assertThat(step(incidentOf(deliveries, miner), "set-reserved-concurrency-zero").path("result").asText())
                .isEqualTo("planned");
        assertThat(sweepResponse(deliveries).path("stoppedFirst").path("skipped").asText()).isEqualTo("plan mode");
    }

    @Test
    void exemptFunction_isNotStoppedFirst() {
        String exempt = "arn:aws:lambda:" + MiningScene.WEST + ":" + dev.tourniquet.cli.local.LocalAccount.ACCOUNT_ID
                + ":function:xmrig-kept";
        scene(Mode.ENFORCE, List.of(exempt));
        Deployed kept = scene.attacker(MiningScene.WEST, "xmrig-kept", "xmrig-exec");
        Deployed miner = scene.attacker(MiningScene.WEST, "xmrig-w1", "xmrig-exec");

        List<ObjectNode> deliveries = deliver(contained());

        assertThat(scene.concurrency(kept)).isNull();
        assertThat(scene.concurrency(miner)).isZero();
        assertThat(incidentOf(deliveries, kept).path("decision").asText()).isEqualTo("record_only");
        assertThat(sweepResponse(deliveries).path("stoppedFirst").path("stopped").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private ObjectNode contained() {
        ObjectNode event = Emulator.sample("tourniquet-credential-contained.json");
        event.put("id", java.util.UUID.randomUUID().toString());
        ((ObjectNode) event.path("detail")).put("accessKeyId", scene.attackerKey);
        return event;
    }

    private static JsonNode sweepResponse(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText())
                && "Credential Contained".equals(d.path("detailType").asText())).findFirst().orElseThrow()
                .path("response");
    }

    private static List<OperationRecorder.Call> inOrder(OperationRecorder recorder) {
        return recorder.calls().stream().sorted(Comparator.comparingLong(OperationRecorder.Call::startNanos)).toList();
    }

    private static List<Integer> indexes(List<OperationRecorder.Call> calls, String action) {
        return java.util.stream.IntStream.range(0, calls.size()).filter(i -> calls.get(i).actions().contains(action))
                .boxed().toList();
    }

    private Map<String, AttributeValue> record(String incidentId) {
        return emulator.admin().dynamoDb().getItem(r -> r.tableName(emulator.configuration().tableName())
                .key(IncidentStore.incidentKey(incidentId)).consistentRead(true)).item();
    }

    private String status(String incidentId) {
        return record(incidentId).get("status").s();
    }

    private JsonNode recordedStep(String incidentId, String stepId) {
        JsonNode steps;
        try {
            steps = Json.MAPPER.readTree(record(incidentId).get("steps").s());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (JsonNode step : steps) {
            if (stepId.equals(step.path("step").asText())) {
                return step;
            }
        }
        throw new AssertionError("no recorded step " + stepId + " in " + incidentId);
    }
}
