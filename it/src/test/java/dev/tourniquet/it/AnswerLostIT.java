package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.FaultProxy.Fault;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The hardest fault aimed at each call that is not idempotent by nature: AWS applies it and its answer is
 * lost, so the SDK's retry meets the changed state. Every step must take "already as I wanted" for success,
 * and nothing may be done or recorded twice.
 */
class AnswerLostIT {

    @Test
    void miningInstance_everyChangeAppliedWithItsAnswerLost_isContainedOnTheFirstDelivery_once() {
        Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), 0, 1);
        InstanceScene scene = InstanceScene.on(emulator);
        String instanceId = scene.launch(InstanceScene.REGION, scene.network(), true);
        String key = scene.launchedByDeployBot(instanceId);
        for (String operation : List.of("PutItem", "CreateSnapshots", "CreateSecurityGroup", "RevokeSecurityGroupEgress",
                "DisassociateIamInstanceProfile", "UpdateItem", "PutEvents", "UpdateAccessKey", "AttachUserPolicy")) {
            emulator.proxy().failNext(operation, Fault.APPLIED_ANSWER_LOST);
        }

        List<ObjectNode> deliveries = emulator.deliver(InstanceScene.finding("guardduty-ec2-bitcoin-tool.json",
                instanceId, InstanceScene.REGION));

        assertThat(deliveries).as("every delivery succeeded on its first attempt").allSatisfy(d -> {
            assertThat(d.has("error")).as(d.toString()).isFalse();
            assertThat(d.path("attempts").asInt(1)).as(d.toString()).isEqualTo(1);
        });
        assertThat(emulator.proxy().injected().get(Fault.APPLIED_ANSWER_LOST)).isEqualTo(9);
        assertThat(FaultChecks.isolatedAndStopped(scene, instanceId)).isTrue();
        assertThat(FaultChecks.keyInactive(emulator, "deploy-bot", key)).isTrue();
        assertThat(FaultChecks.duplicates(emulator)).as("isolation groups, snapshots, incidents").isZero();
        assertThat(appliedTwice(emulator)).as("step records applied twice").isEmpty();
        JsonNode incident = InstanceScene.incident(deliveries);
        assertThat(InstanceScene.results(incident)).doesNotContainValue("failed");
    }

    @Test
    void exposedKey_whoseDeactivationLosesEveryAnswer_isContainedByTheRetry_andReleaseRestoresTheKey() {
        Emulator emulator = Emulator.faulty(UnaryOperator.identity(), List.of(), 0, 2);
        var iam = emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        for (int i = 0; i < 3; i++) {
            emulator.proxy().failNext("UpdateAccessKey", Fault.APPLIED_ANSWER_LOST); // each SDK attempt
        }
        ObjectNode event = Emulator.sample("health-risk-credentials-exposed.json");
        ((ObjectNode) event.path("detail").path("affectedEntities").get(0)).put("entityValue", key);

        List<ObjectNode> deliveries = emulator.deliver(event);

        assertThat(deliveries.get(0).path("attempts").asInt()).as("the first delivery failed, Lambda's retry contained")
                .isEqualTo(2);
        assertThat(FaultChecks.keyInactive(emulator, "deploy-bot", key)).isTrue();
        String incidentId = deliveries.get(0).at("/response/incidents/0/incidentId").asText();

        Releases.release(emulator, incidentId);

        assertThat(FaultChecks.keyInactive(emulator, "deploy-bot", key)).as("the key is back as it was").isFalse();
        assertThat(iam.listUserPolicies(r -> r.userName("deploy-bot")).policyNames()).isEmpty();
    }

    // Per incident, the steps with more than one applied record: a close written twice would show here.
    private static Map<String, Integer> appliedTwice(Emulator emulator) {
        Map<String, Integer> applied = new HashMap<>();
        for (Map<String, AttributeValue> item : emulator.admin().dynamoDb()
                .scan(r -> r.tableName(emulator.configuration().tableName())).items()) {
            if (item.containsKey("steps") && "INCIDENT".equals(item.get("sk").s())) {
                for (JsonNode step : read(item.get("steps").s())) {
                    if ("applied".equals(step.path("result").asText())) {
                        applied.merge(item.get("incidentId").s() + " " + step.path("step").asText(), 1, Integer::sum);
                    }
                }
            }
        }
        applied.values().removeIf(n -> n == 1);
        return applied;
    }

    private static JsonNode read(String json) {
        try {
            return dev.tourniquet.internal.Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
