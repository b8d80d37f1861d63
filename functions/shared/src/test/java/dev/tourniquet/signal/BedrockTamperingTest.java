package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bedrock model-invocation logging deleted or weakened is tampering; a put that keeps the prompts logged is not. */
class BedrockTamperingTest {
    private final TamperingEventParser parser = new TamperingEventParser(TamperingEventParserTest.OWN, List.of());

    private Tampering tampering(ObjectNode event) {
        ParseResult result = parser.parse(event);
        assertThat(result).as(result.toString()).isInstanceOf(ParseResult.Signals.class);
        return (Tampering) ((ParseResult.Signals) result).signals().get(0);
    }

    @Test
    void deleteLogging_byAStolenKey_isTamperingWithTheRegionsConfiguration() {
        Tampering tampering = tampering(Samples.load(
                "cloudtrail-bedrock-delete-model-invocation-logging-configuration.json"));

        assertThat(tampering.weakening()).isEqualTo(Weakening.MODEL_LOGGING_DELETED);
        assertThat(tampering.resource()).isEqualTo("model-invocation-logging");
        assertThat(tampering.region()).isEqualTo("us-east-1");
        assertThat(tampering.caller().accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(tampering.baselineKey()).isEqualTo("bedrock#us-east-1#model-invocation-logging");
    }

    @Test
    void putLogging_withoutThePromptsText_isWeakening() {
        Tampering tampering = tampering(Samples.load(
                "cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json"));

        assertThat(tampering.weakening()).isEqualTo(Weakening.MODEL_LOGGING_WEAKENED);
    }

    @Test
    void putLogging_withoutADestination_isWeakening() {
        ObjectNode event = Samples.load("cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json");
        ObjectNode config = (ObjectNode) event.path("detail").path("requestParameters").path("loggingConfig");
        config.remove("s3Config");
        config.put("textDataDeliveryEnabled", true);

        assertThat(tampering(event).weakening()).isEqualTo(Weakening.MODEL_LOGGING_WEAKENED);
    }

    @Test
    void putLogging_thatDeliversThePrompts_isNotTampering() {
        ObjectNode event = Samples.load("cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json");
        ((ObjectNode) event.path("detail").path("requestParameters").path("loggingConfig"))
                .put("textDataDeliveryEnabled", true);

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void otherBedrockCalls_areNotTampering() {
        ObjectNode event = Samples.load("cloudtrail-bedrock-create-foundation-model-agreement.json");

        assertThat(parser.parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }
}
