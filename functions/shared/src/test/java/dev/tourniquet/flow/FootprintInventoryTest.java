package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.internal.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;

/** Which schedule starts the inventory, when a footprint takes effect anew, and when an instance first launched. */
class FootprintInventoryTest {
    private static ObjectNode scheduled(String rule) {
        ObjectNode event = Json.object().put("source", "aws.events").put("detail-type", "Scheduled Event");
        event.putArray("resources").add(rule);
        return event;
    }

    @Test
    void isInventory_itsOwnRuleInAnyPartition_isTheInventory() {
        assertThat(FootprintInventory.isInventory(scheduled(
                "arn:aws:events:us-east-1:123456789012:rule/tourniquet-footprint-inventory"))).isTrue();
        assertThat(FootprintInventory.isInventory(scheduled(
                "arn:aws-cn:events:cn-north-1:123456789012:rule/tourniquet-footprint-inventory"))).isTrue();
    }

    @Test
    void isInventory_anotherScheduleOrALookalike_isNot() {
        assertThat(FootprintInventory.isInventory(scheduled(
                "arn:aws:events:us-east-1:123456789012:rule/tourniquet-exposure-hold-review"))).isFalse();
        assertThat(FootprintInventory.isInventory(scheduled(
                "arn:aws:events:us-east-1:123456789012:rule/tourniquet-footprint-inventory-copy"))).isFalse();
        ObjectNode forged = scheduled("arn:aws:events:us-east-1:123456789012:rule/tourniquet-footprint-inventory")
                .put("source", "tourniquet");
        assertThat(FootprintInventory.isInventory(forged)).isFalse();
    }

    @Test
    void signature_anotherFootprint_takesEffectAnew() {
        Footprint gpus = Footprint.parse("", "accelerated", "", "");
        assertThat(FootprintInventory.signature(gpus)).isEqualTo(FootprintInventory.signature(
                Footprint.parse("", "p*,g*,inf*,trn*,dl*,f*,vt*", "0", "")));
        assertThat(FootprintInventory.signature(gpus))
                .isNotEqualTo(FootprintInventory.signature(Footprint.parse("", "accelerated", "", "miner")));
    }

    @Test
    void firstLaunch_stoppedAndStartedAgain_isItsPrimaryInterfacesAttachTime() {
        Instant first = Instant.parse("2026-01-05T10:00:00Z");
        Instant started = Instant.parse("2026-11-20T03:00:00Z");
        Instance instance = Instance.builder().instanceId("i-1").launchTime(started).networkInterfaces(
                InstanceNetworkInterface.builder().attachment(a -> a.deviceIndex(0).attachTime(first)).build()).build();

        assertThat(FootprintInstances.firstLaunch(instance)).isEqualTo(first);
        assertThat(FootprintInstances.firstLaunch(Instance.builder().launchTime(started).build())).isEqualTo(started);
    }

    @Test
    void vcpusOf_cpuOptions_areCoresTimesThreads_andAbsentWithoutThem() {
        Instance custom = Instance.builder().cpuOptions(c -> c.coreCount(24).threadsPerCore(2)).build();

        assertThat(FootprintInstances.vcpusOf(custom)).hasValue(48);
        assertThat(FootprintInstances.vcpusOf(Instance.builder().build())).isEmpty();
    }
}
