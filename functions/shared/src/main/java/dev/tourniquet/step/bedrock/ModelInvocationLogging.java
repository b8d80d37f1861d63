package dev.tourniquet.step.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CloudWatchConfig;
import software.amazon.awssdk.services.bedrock.model.LoggingConfig;
import software.amazon.awssdk.services.bedrock.model.S3Config;

/**
 * A region's Amazon Bedrock model-invocation logging configuration as JSON, with the API's own (camelCase) member
 * names, as CloudTrail records {@code PutModelInvocationLoggingConfiguration}: what the baseline records, what the undo
 * compares with and puts back. {@code loggingConfig} is {@code null} when logging is off.
 *
 * <p>IAM actions: {@code bedrock:GetModelInvocationLoggingConfiguration} (a read).
 */
public final class ModelInvocationLogging {
    /** The one logging configuration of a region (Bedrock keeps one per account and region; it has no ARN). */
    public static final String RESOURCE = "model-invocation-logging";
    public static final List<String> READ_PERMISSIONS = List.of("bedrock:GetModelInvocationLoggingConfiguration");

    private ModelInvocationLogging() {}

    public static BedrockClient client(AwsClients clients, String region) {
        return clients.client("bedrock", region, BedrockClient::builder);
    }

    /** {@code {region, loggingConfig}} as Bedrock answers now. */
    public static ObjectNode read(BedrockClient bedrock, String region) {
        LoggingConfig config = bedrock.getModelInvocationLoggingConfiguration(r -> { }).loggingConfig();
        ObjectNode json = Json.object().put("region", region);
        json.set("loggingConfig", toJson(config).orElse(null));
        return json;
    }

    /** Whether a recorded configuration logs invocations somewhere (CloudWatch Logs or S3). */
    public static boolean healthy(JsonNode recorded) {
        JsonNode config = recorded.path("loggingConfig");
        return config.isObject() && (config.path("cloudWatchConfig").isObject() || config.path("s3Config").isObject());
    }

    /** The logging configuration of {@code recorded} ({@code {region, loggingConfig}}), if logging was on. */
    static Optional<JsonNode> configOf(JsonNode recorded) {
        JsonNode config = recorded.path("loggingConfig");
        return config.isObject() ? Optional.of(config) : Optional.empty();
    }

    /** The role Bedrock delivers to CloudWatch Logs with, which the put passes ({@code iam:PassRole}). */
    static Optional<String> roleOf(JsonNode config) {
        return Json.text(config, "/cloudWatchConfig/roleArn");
    }

    static Optional<ObjectNode> toJson(LoggingConfig config) {
        if (config == null || (config.cloudWatchConfig() == null && config.s3Config() == null)) {
            return Optional.empty();
        }
        ObjectNode json = Json.object();
        CloudWatchConfig cloudWatch = config.cloudWatchConfig();
        if (cloudWatch != null) {
            ObjectNode node = json.putObject("cloudWatchConfig").put("logGroupName", cloudWatch.logGroupName())
                    .put("roleArn", cloudWatch.roleArn());
            if (cloudWatch.largeDataDeliveryS3Config() != null) {
                node.set("largeDataDeliveryS3Config", s3(cloudWatch.largeDataDeliveryS3Config()));
            }
        }
        if (config.s3Config() != null) {
            json.set("s3Config", s3(config.s3Config()));
        }
        json.put("textDataDeliveryEnabled", config.textDataDeliveryEnabled())
                .put("imageDataDeliveryEnabled", config.imageDataDeliveryEnabled())
                .put("embeddingDataDeliveryEnabled", config.embeddingDataDeliveryEnabled())
                .put("videoDataDeliveryEnabled", config.videoDataDeliveryEnabled())
                .put("audioDataDeliveryEnabled", config.audioDataDeliveryEnabled());
        return Optional.of(json);
    }

    static LoggingConfig fromJson(JsonNode json) {
        LoggingConfig.Builder config = LoggingConfig.builder()
                .textDataDeliveryEnabled(bool(json, "textDataDeliveryEnabled"))
                .imageDataDeliveryEnabled(bool(json, "imageDataDeliveryEnabled"))
                .embeddingDataDeliveryEnabled(bool(json, "embeddingDataDeliveryEnabled"))
                .videoDataDeliveryEnabled(bool(json, "videoDataDeliveryEnabled"))
                .audioDataDeliveryEnabled(bool(json, "audioDataDeliveryEnabled"));
        JsonNode cloudWatch = json.path("cloudWatchConfig");
        if (cloudWatch.isObject()) {
            CloudWatchConfig.Builder builder = CloudWatchConfig.builder()
                    .logGroupName(cloudWatch.path("logGroupName").asText(null))
                    .roleArn(cloudWatch.path("roleArn").asText(null));
            if (cloudWatch.path("largeDataDeliveryS3Config").isObject()) {
                builder.largeDataDeliveryS3Config(s3(cloudWatch.path("largeDataDeliveryS3Config")));
            }
            config.cloudWatchConfig(builder.build());
        }
        if (json.path("s3Config").isObject()) {
            config.s3Config(s3(json.path("s3Config")));
        }
        return config.build();
    }

    /** Whether two configurations (either may be absent) deliver the same way. */
    static boolean same(Optional<? extends JsonNode> a, Optional<? extends JsonNode> b) {
        return a.map(ModelInvocationLogging::normalized).equals(b.map(ModelInvocationLogging::normalized));
    }

    // Unset flags read back as absent or null depending on the service; both mean "not enabled".
    private static ObjectNode normalized(JsonNode config) {
        ObjectNode copy = config.deepCopy();
        copy.properties().removeIf(e -> e.getValue().isNull());
        for (String flag : List.of("textDataDeliveryEnabled", "imageDataDeliveryEnabled", "embeddingDataDeliveryEnabled",
                "videoDataDeliveryEnabled", "audioDataDeliveryEnabled")) {
            copy.put(flag, config.path(flag).asBoolean(false));
        }
        return copy;
    }

    private static Boolean bool(JsonNode json, String field) {
        return json.path(field).isBoolean() ? json.path(field).asBoolean() : null;
    }

    private static ObjectNode s3(S3Config s3) {
        return Json.object().put("bucketName", s3.bucketName()).put("keyPrefix", s3.keyPrefix());
    }

    private static S3Config s3(JsonNode json) {
        return S3Config.builder().bucketName(json.path("bucketName").asText(null))
                .keyPrefix(json.path("keyPrefix").isTextual() ? json.path("keyPrefix").asText() : null).build();
    }
}
