package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.BedrockEventReader;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.SpendShape;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** A Bedrock invocation is judged by the footprint's regions only: outside them it is its caller's breach. */
class ModelInvocationFootprintTest {
    private static Provenance invocation(String region) {
        ObjectNode event = Samples.load("cloudtrail-bedrock-invoke-model.json");
        ((ObjectNode) event.path("detail")).put("awsRegion", region);
        return ((ParseResult.Observed) new SignalParser().parse(event)).records().get(0);
    }

    private static FootprintJudge judge(String regions, String families) {
        return new FootprintJudge(Footprint.parse(regions, families, "", ""), (r, t) -> OptionalInt.empty());
    }

    @Test
    void invocation_outsideTheAllowedRegions_breaksThem() {
        Provenance record = invocation("eu-north-1");

        Optional<FootprintBreach> breach = judge("us-east-1,eu-west-1", "").judge(record);

        assertThat(SpendShape.judged(record)).isTrue();
        assertThat(record.resourceType()).isEqualTo(BedrockEventReader.MODEL_INVOCATION);
        assertThat(breach).get().isInstanceOf(FootprintBreach.OutsideAllowedRegions.class);
        assertThat(breach.get().describe()).contains("eu-north-1");
    }

    @Test
    void invocation_insideTheRegions_breaksNothing_whateverTheInstanceRules() {
        assertThat(judge("eu-north-1", "accelerated").judge(invocation("eu-north-1"))).isEmpty();
        assertThat(judge("", "").judge(invocation("eu-north-1"))).isEmpty();
    }
}
