package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import org.junit.jupiter.api.Test;

/** Bedrock model access and invocations as provenance: recorded, never a signal to contain on their own. */
class BedrockEventReaderTest {
    private static Provenance only(ObjectNode event) {
        ParseResult parsed = new SignalParser().parse(event);
        assertThat(parsed).as(parsed.toString()).isInstanceOf(ParseResult.Observed.class);
        ParseResult.Observed observed = (ParseResult.Observed) parsed;
        assertThat(observed.undone()).isEmpty();
        assertThat(observed.records()).hasSize(1);
        return observed.records().get(0);
    }

    @Test
    void useCaseForModelAccess_isTheRegionsModelAccess_byTheKey() {
        Provenance record = only(Samples.load("cloudtrail-bedrock-put-use-case-for-model-access.json"));

        assertThat(record.resourceType()).isEqualTo(BedrockEventReader.MODEL_ACCESS);
        assertThat(record.resourceId()).isEqualTo("model-access/us-east-1");
        assertThat(record.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
        assertThat(record.detail(BedrockEventReader.MODEL_ID)).isEmpty();
    }

    @Test
    void foundationModelAgreement_namesItsModel() {
        Provenance record = only(Samples.load("cloudtrail-bedrock-create-foundation-model-agreement.json"));

        assertThat(record.resourceType()).isEqualTo(BedrockEventReader.MODEL_ACCESS);
        assertThat(record.resourceId()).isEqualTo("model-access/us-east-1/anthropic.claude-3-opus-20240229-v1:0");
        assertThat(record.detail(BedrockEventReader.MODEL_ID)).contains("anthropic.claude-3-opus-20240229-v1:0");
    }

    @Test
    void invocation_isRecordedWithItsModelAndRegion() {
        Provenance record = only(Samples.load("cloudtrail-bedrock-invoke-model.json"));

        assertThat(record.resourceType()).isEqualTo(BedrockEventReader.MODEL_INVOCATION);
        assertThat(record.region()).isEqualTo("eu-north-1");
        assertThat(record.resourceId()).isEqualTo("model-invocation/eu-north-1/anthropic.claude-3-5-sonnet-20240620-v1:0");
    }

    @Test
    void failedInvocation_recordsNothing() {
        ObjectNode event = Samples.load("cloudtrail-bedrock-invoke-model.json");
        ((ObjectNode) event.path("detail")).put("errorCode", "AccessDeniedException");

        assertThat(new SignalParser().parse(event)).isInstanceOf(ParseResult.Ignored.class);
    }
}
