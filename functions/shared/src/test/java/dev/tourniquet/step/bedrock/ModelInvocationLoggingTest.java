package dev.tourniquet.step.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Json;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The logging configuration as recorded, compared and put back: the API's own camelCase members. */
class ModelInvocationLoggingTest {
    private static ObjectNode recorded() {
        ObjectNode config = Json.object();
        config.putObject("cloudWatchConfig").put("logGroupName", "/bedrock/invocations")
                .put("roleArn", "arn:aws:iam::123456789012:role/bedrock-logging")
                .putObject("largeDataDeliveryS3Config").put("bucketName", "llm-large-123456789012").put("keyPrefix", "big/");
        config.putObject("s3Config").put("bucketName", "llm-logs-123456789012").put("keyPrefix", "bedrock/");
        config.put("textDataDeliveryEnabled", true).put("imageDataDeliveryEnabled", true);
        ObjectNode baseline = Json.object().put("region", "us-east-1");
        baseline.set("loggingConfig", config);
        return baseline;
    }

    @Test
    void fromJsonThenToJson_keepsEveryDestinationAndFlag() {
        JsonNode config = recorded().path("loggingConfig");

        Optional<ObjectNode> back = ModelInvocationLogging.toJson(ModelInvocationLogging.fromJson(config));

        assertThat(ModelInvocationLogging.same(back, Optional.of(config))).isTrue();
        assertThat(back.orElseThrow().at("/cloudWatchConfig/largeDataDeliveryS3Config/bucketName").asText())
                .isEqualTo("llm-large-123456789012");
        assertThat(ModelInvocationLogging.roleOf(config)).contains("arn:aws:iam::123456789012:role/bedrock-logging");
    }

    @Test
    void same_unsetFlagEqualsFalse_butAnotherBucketDiffers() {
        ObjectNode a = (ObjectNode) recorded().path("loggingConfig");
        ObjectNode b = a.deepCopy().put("embeddingDataDeliveryEnabled", false);
        ObjectNode c = a.deepCopy();
        ((ObjectNode) c.path("s3Config")).put("bucketName", "attacker-bucket");

        assertThat(ModelInvocationLogging.same(Optional.of(a), Optional.of(b))).isTrue();
        assertThat(ModelInvocationLogging.same(Optional.of(a), Optional.of(c))).isFalse();
        assertThat(ModelInvocationLogging.same(Optional.of(a), Optional.empty())).isFalse();
    }

    @Test
    void healthy_onlyWithADestination() {
        ObjectNode off = Json.object().put("region", "us-east-1");
        off.putNull("loggingConfig");

        assertThat(ModelInvocationLogging.healthy(recorded())).isTrue();
        assertThat(ModelInvocationLogging.healthy(off)).isFalse();
        assertThat(ModelInvocationLogging.configOf(off)).isEmpty();
    }

    @Test
    void weakenedPutSample_readsAsAConfigurationWithoutPrompts() {
        JsonNode request = Samples.load("cloudtrail-bedrock-put-model-invocation-logging-configuration-weakened.json")
                .at("/detail/requestParameters/loggingConfig");

        var config = ModelInvocationLogging.fromJson(request);

        assertThat(config.s3Config().bucketName()).isEqualTo("llm-logs-123456789012");
        assertThat(config.textDataDeliveryEnabled()).isFalse();
    }
}
