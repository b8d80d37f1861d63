package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The spend brakes' rules, read from {@code template.yaml} and matched by event-ruler: a Cost Anomaly Detection anomaly
 * and the stack's usage alarms going into ALARM reach record-provenance; an alarm going back to OK, another alarm of
 * the account, another Cost Explorer event and a forged source do not.
 */
class SpendBrakePatternTest {
    private static final String ANOMALY = "RecordProvenanceFunction/CostAnomaly";
    private static final String ALARM = "RecordProvenanceFunction/UsageAlarm";

    /** The samples of the brakes and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("ce-anomaly-detected.json", Set.of(ANOMALY)),
            Map.entry("cloudwatch-alarm-lambda-concurrency.json", Set.of(ALARM)),
            Map.entry("cloudwatch-alarm-ec2-vcpus.json", Set.of(ALARM)),
            // Back to OK: nothing to brake.
            Map.entry("cloudwatch-alarm-lambda-concurrency-ok.json", Set.of()));

    private static java.util.Set<String> matched(JsonNode event) {
        return SampleRoutes.matched(event, "default");
    }

    private static ObjectNode sample(String name) {
        return SampleRoutes.sample(name);
    }

    @Test
    void samples_reachTheirRules() {
        EXPECTED.forEach((file, rules) -> assertThat(matched(sample(file))).as(file).isEqualTo(rules));
    }

    @Test
    void usageAlarm_otherAlarmsAndOtherStates_reachNoRule() {
        ObjectNode other = sample("cloudwatch-alarm-lambda-concurrency.json");
        ((ObjectNode) other.path("detail")).put("alarmName", "ServerCpuTooHigh");
        ObjectNode insufficient = sample("cloudwatch-alarm-ec2-vcpus.json");
        ((ObjectNode) insufficient.path("detail").path("state")).put("value", "INSUFFICIENT_DATA");
        ObjectNode configuration = sample("cloudwatch-alarm-lambda-concurrency.json");
        configuration.put("detail-type", "CloudWatch Alarm Configuration Change");

        assertThat(matched(other)).isEmpty();
        assertThat(matched(insufficient)).isEmpty();
        assertThat(matched(configuration)).isEmpty();
    }

    @Test
    void costAnomaly_otherDetailTypesAndSources_reachNoRule() {
        ObjectNode otherType = sample("ce-anomaly-detected.json");
        otherType.put("detail-type", "Anomaly Resolved");
        ObjectNode forged = sample("ce-anomaly-detected.json");
        forged.put("source", "custom.ce");

        assertThat(matched(otherType)).isEmpty();
        assertThat(matched(forged)).isEmpty();
    }
}
