package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * An EventBridge rule's Lambda target as put back by a release, from the JSON that
 * {@link dev.tourniquet.step.events.RuleCuts} recorded (AWS's member names). Every member a Lambda target can carry
 * is kept: id, ARN, role, input, input path, input transformer, retry policy and dead-letter queue (the other members
 * configure other kinds of target).
 */
final class RuleTargets {
    private RuleTargets() {}

    static Target fromJson(JsonNode json) {
        Target.Builder target = Target.builder().id(json.path("Id").asText()).arn(json.path("Arn").asText());
        Json.text(json, "/RoleArn").ifPresent(target::roleArn);
        Json.text(json, "/Input").ifPresent(target::input);
        Json.text(json, "/InputPath").ifPresent(target::inputPath);
        JsonNode transformer = json.path("InputTransformer");
        if (transformer.isObject()) {
            Map<String, String> paths = new LinkedHashMap<>();
            transformer.path("InputPathsMap").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
            target.inputTransformer(t -> t.inputPathsMap(paths.isEmpty() ? null : paths)
                    .inputTemplate(transformer.path("InputTemplate").asText()));
        }
        JsonNode retry = json.path("RetryPolicy");
        if (retry.isObject()) {
            target.retryPolicy(r -> r.maximumRetryAttempts(retry.has("MaximumRetryAttempts")
                    ? retry.path("MaximumRetryAttempts").asInt() : null)
                    .maximumEventAgeInSeconds(retry.has("MaximumEventAgeInSeconds")
                            ? retry.path("MaximumEventAgeInSeconds").asInt() : null));
        }
        Json.text(json, "/DeadLetterConfig/Arn").ifPresent(arn -> target.deadLetterConfig(d -> d.arn(arn)));
        return target.build();
    }
}
