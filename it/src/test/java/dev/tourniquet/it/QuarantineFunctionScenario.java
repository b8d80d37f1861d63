package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.it.MiningScene.Deployed;
import dev.tourniquet.records.IncidentStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.iam.model.StatusType;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * What the function quarantine's emulator scenarios share: moto server across us-east-1 and us-west-2 behind
 * the rules of template.yaml, WireMock for what moto cannot serve (code packages behind {@code Code.Location},
 * CloudTrail LookupEvents), and, once every scenario of a class ran, the least-privilege check of every call
 * the function made.
 */
abstract class QuarantineFunctionScenario {
    static final String FUNCTION = "QuarantineFunction";
    static final Set<String> PERFORMED = new TreeSet<>();
    static WireMockServer wiremock;

    Emulator emulator;
    MiningScene scene;

    @BeforeAll
    static void startWireMock() {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @AfterAll
    static void stopWireMockAndCheckLeastPrivilege() {
        wiremock.stop();
        assertThat(PERFORMED).contains("lambda:PutFunctionConcurrency", "lambda:TagResource", "dynamodb:Query",
                "s3:PutObject");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    void scene(Mode mode, List<String> exempt) {
        emulator = MiningScene.emulator(wiremock, mode, exempt);
        scene = new MiningScene(emulator, wiremock);
    }

    List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
        Emulator.assertOnlyFixedPolicyWrites(emulator.recorder());
        return deliveries;
    }

    /** The incidents the quarantine function answered, in delivery order. */
    static List<JsonNode> quarantineIncidents(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText()))
                .flatMap(d -> java.util.stream.StreamSupport.stream(d.path("response").path("incidents").spliterator(),
                        false)).toList();
    }

    static JsonNode incidentOf(List<ObjectNode> deliveries, Deployed f) {
        return quarantineIncidents(deliveries).stream().filter(i -> f.arn().equals(i.path("subject").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no incident for " + f.name()));
    }

    static JsonNode step(JsonNode incident, String id) {
        for (JsonNode step : incident.path("steps")) {
            if (id.equals(step.path("step").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step " + id + " in " + incident);
    }
}
