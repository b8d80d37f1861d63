package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The footprint's rules (README "Spend guard"), read from {@code template.yaml} and matched by event-ruler: the
 * spend-creating samples reach record-provenance (which judges them), and a {@code Resource Outside Footprint} chain
 * event reaches the function that contains what it names, and only that one.
 */
class FootprintPatternTest {
    private static final String FUNCTION_RULE = "QuarantineFunction/FootprintFunctionRule";
    private static final String INSTANCE_RULE = "IsolateInstanceFunction/FootprintInstanceRule";

    /** The footprint's samples and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail-lambda-create-function-miner.json", Set.of("RecordProvenanceFunction/FunctionProvenance")),
            Map.entry("cloudtrail-ec2-request-spot-instances-large.json", Set.of("RecordProvenanceFunction/InstanceLaunched")),
            Map.entry("tourniquet-resource-outside-footprint.json", Set.of(FUNCTION_RULE)),
            Map.entry("tourniquet-resource-outside-footprint-instance.json", Set.of(INSTANCE_RULE)),
            Map.entry("tourniquet-resource-outside-footprint-spot-request.json", Set.of(INSTANCE_RULE)));

    private static java.util.Set<String> matched(JsonNode event) {
        return SampleRoutes.matched(event, "tourniquet");
    }

    private static ObjectNode sample(String name) {
        return SampleRoutes.sample(name);
    }

    @Test
    void breach_ofEachLaunchingKind_reachesTheInstanceFunction() {
        for (String type : List.of("instance", "spot-request", "auto-scaling-group", "spot-fleet", "ec2-fleet")) {
            ObjectNode breach = sample("tourniquet-resource-outside-footprint-instance.json");
            ((ObjectNode) breach.path("detail").path("record")).put("resourceType", type);
            assertThat(matched(breach)).as(type).containsExactly(INSTANCE_RULE);
        }
    }

    @Test
    void breach_ofALaunchTemplate_reachesNoRule() {
        // A template launches nothing: it is only recorded, and what is launched from it is judged.
        ObjectNode breach = sample("tourniquet-resource-outside-footprint-instance.json");
        ((ObjectNode) breach.path("detail").path("record")).put("resourceType", "launch-template");
        assertThat(matched(breach)).isEmpty();
    }

    @Test
    void breach_onTheDefaultBus_reachesNoRule() {
        // Only Tourniquet's own bus carries its chain events: one put on the default bus by anyone else is not read.
        assertThat(SampleRoutes.matched(sample("tourniquet-resource-outside-footprint.json"), "default")).isEmpty();
    }

    @Test
    void lateRecordEvent_isNotABreach() {
        ObjectNode late = sample("tourniquet-resource-outside-footprint.json");
        late.put("detail-type", "Resource Of Contained Credential");
        assertThat(matched(late)).doesNotContain(FUNCTION_RULE, INSTANCE_RULE);
    }
}
