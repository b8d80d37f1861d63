package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tourniquet.cli.simulate.EcsCreationTimes;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.records.IncidentStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stop-workload function on moto server as the workload holds' tests meet it (the exposure hold's and the
 * footprint inventory's): ECS answered through the {@link EcsCreationTimes} stand-in, so that tasks and services carry
 * AWS's {@code createdAt}, which a hold's window reads; CloudTrail's history answered by WireMock with no record, so
 * that what appeared is unexplained until a test delivers its record. Every action the function performs is kept for
 * the test class's least-privilege check.
 *
 * <p>A test class registers one ({@code @RegisterExtension static final}): WireMock runs for the class, each
 * {@link #fresh} account's stand-in until the end of its test.
 */
final class WorkloadHoldScene implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    static final String FUNCTION = "StopWorkloadFunction";

    private final Set<String> performed = new TreeSet<>();
    private WireMockServer wiremock;
    private Emulator emulator;
    private EcsCreationTimes times;

    @Override
    public void beforeAll(ExtensionContext context) {
        wiremock = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        wiremock.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (times != null) {
            times.close();
            times = null;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        wiremock.stop();
    }

    /**
     * A fresh account in enforce mode, exempting {@code exemptPrincipalArns}, its configuration further adjusted by
     * {@code configure} (the exposure hold's settings, the footprint), with an empty CloudTrail history.
     */
    Emulator fresh(List<String> exemptPrincipalArns, UnaryOperator<Configuration> configure) {
        wiremock.resetAll();
        CloudTrailStub.noEvents(wiremock);
        emulator = Emulator.fresh(Mode.ENFORCE, exemptPrincipalArns, c -> {
            times = EcsCreationTimes.in(c.endpoint().orElseThrow());
            return configure.apply(c.withServiceEndpoint("cloudtrail", URI.create(wiremock.baseUrl()))
                    .withServiceEndpoint("ecs", times.endpoint()).withServiceEndpoint("ecs-list", times.endpoint()));
        }, List.of());
        return emulator;
    }

    /** Every action the function performed in the class's tests so far. */
    Set<String> performed() {
        return performed;
    }

    List<ObjectNode> deliver(JsonNode event) {
        List<ObjectNode> deliveries = emulator.deliver(event);
        performed.addAll(emulator.recorder(FUNCTION).actions());
        return deliveries;
    }

    /** The incident's record as the incident table holds it. */
    Map<String, AttributeValue> record(String incidentId) {
        return new IncidentStore(emulator.admin().dynamoDb(), emulator.configuration().tableName()).find(incidentId)
                .orElseThrow(() -> new AssertionError("no incident " + incidentId));
    }

    /** The stop-workload function's deliveries among {@code deliveries}. */
    static List<ObjectNode> stopWorkloadDeliveries(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> FUNCTION.equals(d.path("function").asText())).toList();
    }

    static List<JsonNode> stopWorkloadIncidents(List<ObjectNode> deliveries) {
        return stopWorkloadDeliveries(deliveries).stream()
                .flatMap(d -> StreamSupport.stream(d.path("response").path("incidents").spliterator(), false)).toList();
    }

    static JsonNode incidentOf(List<ObjectNode> deliveries, String workload) {
        return stopWorkloadIncidents(deliveries).stream().filter(i -> workload.equals(i.path("subject").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no stop-workload incident for " + workload));
    }
}
