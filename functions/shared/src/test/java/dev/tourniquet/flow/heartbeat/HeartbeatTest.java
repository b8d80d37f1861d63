package dev.tourniquet.flow.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.flow.IncidentFailedException;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.Delivery;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the heartbeat does without AWS: its clients point at a port nothing listens on, so any call it made would
 * fail the delivery. Events that are not its own are answered without a call.
 */
class HeartbeatTest {
    private static final Configuration OFFLINE = Configuration.defaults("us-east-1").toBuilder()
            .endpoint(Optional.of(URI.create("http://127.0.0.1:1"))).build();
    private static final HeartbeatSettings SETTINGS = HeartbeatSettings.from(Map.of(), OFFLINE);
    private final Heartbeat heartbeat = new Heartbeat(SETTINGS, new HeartbeatCalls(new AwsClients(OFFLINE), "us-east-1"),
            Clock.systemUTC());

    private static Delivery read(ObjectNode event) {
        return Delivery.read(event);
    }

    @Test
    void scheduledEvent_ofAnotherRule_callsNothing() {
        ObjectNode event = Samples.load("scheduled-heartbeat.json");
        event.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/nightly-jobs");

        assertThat(heartbeat.handle(read(event)).path("status").asText()).isEqualTo("nothing_to_do");
    }

    @Test
    void recordOfAnotherPrincipal_callsNothing() {
        assertThat(heartbeat.handle(read(Samples.load("cloudtrail-events-tag-resource-other-principal.json")))
                .path("status").asText()).isEqualTo("nothing_to_do");
    }

    @Test
    void anEventThatIsNoHeartbeat_callsNothing() {
        assertThat(heartbeat.handle(read(Samples.load("guardduty-lambda-bitcoin-tool.json"))).path("status").asText())
                .isEqualTo("nothing_to_do");
    }

    @Test
    void itsOwnSchedule_whenAwsCannotBeReached_failsTheDeliveryForARetry() {
        assertThatThrownBy(() -> heartbeat.handle(read(Samples.load("scheduled-heartbeat.json"))))
                .isInstanceOfSatisfying(IncidentFailedException.class, e -> assertThat(e.failure().retryable()).isTrue());
    }

    @Test
    void plan_namesOnlyItsOwnRuleAndStack() {
        ObjectNode plan = heartbeat.planOffline(read(Samples.load("scheduled-heartbeat.json")));

        assertThat(plan.path("decision").asText()).isEqualTo("heartbeat");
        assertThat(plan.path("steps").findValuesAsText("target")).containsExactly(SETTINGS.ruleArn(), SETTINGS.stack(),
                "arn:aws:events:*:123456789012:rule/tourniquet-forward-heartbeat (every other enabled region)",
                "SilentRegions");
        assertThat(heartbeat.planOffline(read(Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json")))
                .path("steps").findValuesAsText("target")).containsExactly("RegionHeartbeatReturned");
        assertThat(heartbeat.planOffline(read(Samples.load("cloudtrail-events-tag-resource-heartbeat.json")))
                .path("decision").asText()).isEqualTo("heartbeat_returned");
        assertThat(heartbeat.planOffline(read(Samples.load("cloudtrail-events-tag-resource-other-principal.json")))
                .path("decision").asText()).isEqualTo("record_only");
    }
}
