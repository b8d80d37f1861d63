package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.heartbeat.Heartbeat;
import dev.tourniquet.flow.heartbeat.HeartbeatCalls;
import dev.tourniquet.internal.Mode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The heartbeat end to end on moto server: the schedule invokes it, it really tags its own rule, the CloudTrail
 * record of that call (what the trail would deliver) goes through the template's rules to the function, and the
 * metric the alarm watches is readable from moto's CloudWatch. A write by anyone else counts for nothing.
 */
class HeartbeatIT {
    private static final String FUNCTION = "HeartbeatFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();

    private HeartbeatScene.Trail trail;
    private Emulator emulator;

    private HeartbeatScene scene(boolean terminationProtection) {
        trail = HeartbeatScene.trail();
        emulator = Emulator.fresh(Mode.ENFORCE, List.of(), UnaryOperator.identity(), List.of(trail));
        return HeartbeatScene.on(emulator, trail, terminationProtection);
    }

    @Test
    void schedule_tagsItsOwnRule_andTheRecordOfThatWrite_comesBackAsTheMetric() {
        HeartbeatScene scene = scene(true);
        Instant before = Instant.now().minusSeconds(1);

        List<ObjectNode> beat = scene.beat();

        assertThat(beat).singleElement().satisfies(d -> {
            assertThat(d.path("function").asText()).isEqualTo(FUNCTION);
            assertThat(d.at("/response/status").asText()).isEqualTo("sent");
            assertThat(d.at("/response/terminationProtection").asBoolean()).isTrue();
        });
        String tagged = scene.ruleTags().get(Heartbeat.TAG_KEY);
        assertThat(Instant.parse(tagged)).isAfter(before);
        assertThat(scene.metric("HeartbeatReturned", Statistic.SUM)).isZero();

        List<ObjectNode> returned = scene.deliverTrail();

        assertThat(returned).singleElement().satisfies(d -> {
            assertThat(d.path("rule").asText()).isEqualTo("HeartbeatReturned");
            assertThat(d.path("function").asText()).isEqualTo(FUNCTION);
            assertThat(d.at("/response/status").asText()).isEqualTo("returned");
        });
        assertThat(scene.metric("HeartbeatReturned", Statistic.SUM)).isEqualTo(1.0);
        assertThat(scene.metric("HeartbeatSent", Statistic.SUM)).isEqualTo(1.0);
        assertThat(scene.metric("TerminationProtectionEnabled", Statistic.MINIMUM)).isEqualTo(1.0);
        assertThat(scene.metric("HeartbeatDelay", Statistic.MAXIMUM)).isBetween(0.0, 60.0);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
    }

    @Test
    void anEnabledRegion_withAForwarder_isHeardOnceItsRecordComesHome_oneWithout_isSilent() {
        HeartbeatScene scene = scene(true);
        scene.forwarderIn("eu-west-3");

        List<ObjectNode> first = scene.beat();

        // No region has been heard yet: every other enabled region is silent, those without a forwarder say so.
        List<String> silent = new java.util.ArrayList<>();
        first.get(0).at("/response/silentRegions").forEach(r -> silent.add(r.asText()));
        assertThat(silent).contains("eu-west-3", "eu-central-1 (no forwarder)").doesNotContain(HeartbeatScene.REGION);
        assertThat(scene.forwarderTags("eu-west-3")).containsKey(Heartbeat.TAG_KEY);

        List<ObjectNode> returned = scene.deliverTrail();

        assertThat(returned).extracting(d -> d.at("/response/region").asText())
                .containsExactlyInAnyOrder(HeartbeatScene.REGION, "eu-west-3");
        List<ObjectNode> second = scene.beat();
        List<String> stillSilent = new java.util.ArrayList<>();
        second.get(0).at("/response/silentRegions").forEach(r -> stillSilent.add(r.asText()));
        assertThat(stillSilent).contains("eu-central-1 (no forwarder)").doesNotContain("eu-west-3");
        assertThat(scene.metric("SilentRegions", Statistic.MINIMUM)).isEqualTo(stillSilent.size());
        assertThat(scene.metric("HeartbeatReturned", Statistic.SUM)).isEqualTo(1.0);
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
    }

    @Test
    void terminationProtectionOff_isReported() {
        HeartbeatScene scene = scene(false);

        List<ObjectNode> beat = scene.beat();

        assertThat(beat.get(0).at("/response/terminationProtection").asBoolean(true)).isFalse();
        assertThat(scene.metric("TerminationProtectionEnabled", Statistic.MINIMUM)).isZero();
        PERFORMED.addAll(emulator.recorder(FUNCTION).actions());
    }

    @Test
    void aWriteByAnotherPrincipal_onTheHeartbeatsRule_countsForNothing_andChangesNothing() {
        HeartbeatScene scene = scene(true);
        scene.beat();
        ObjectNode record = trail.take().get(0);
        emulator.recorder(FUNCTION).clear();

        List<ObjectNode> deliveries = emulator.deliver(HeartbeatScene.byAnotherPrincipal(record));

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.path("function").asText()).isEqualTo(FUNCTION);
            assertThat(d.at("/response/status").asText()).isEqualTo("nothing_to_do");
        });
        assertThat(emulator.recorder(FUNCTION).calls()).isEmpty();
        assertThat(scene.metric("HeartbeatReturned", Statistic.SUM)).isZero();
    }

    @Test
    void aWriteOnAnotherRule_reachesNoFunction() {
        HeartbeatScene scene = scene(true);
        scene.beat();
        ObjectNode record = trail.take().get(0);
        ((ObjectNode) record.at("/detail/requestParameters"))
                .put("resourceARN", "arn:aws:events:us-east-1:123456789012:rule/nightly-jobs");

        List<ObjectNode> deliveries = emulator.deliver(record);

        assertThat(deliveries).singleElement().satisfies(d -> assertThat(d.path("result").asText())
                .isEqualTo("no rule matches"));
        assertThat(scene.metric("HeartbeatReturned", Statistic.SUM)).isZero();
    }

    @AfterAll
    static void everyOperationPerformed_isGrantedByTheTemplate_andAllItNeeds() {
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
        assertThat(PERFORMED).containsExactlyInAnyOrderElementsOf(HeartbeatCalls.PERMISSIONS);
    }
}
