package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * A rule's targets as the baseline records them ({@code id}, {@code arn}, the dead-letter queue and retry policy
 * every Tourniquet target has) and back as EventBridge targets.
 */
public final class RuleTargets {
    private RuleTargets() {}

    public static ArrayNode toJson(List<Target> targets) {
        ArrayNode json = Json.MAPPER.createArrayNode();
        for (Target target : targets) {
            ObjectNode item = json.addObject().put("id", target.id()).put("arn", target.arn());
            if (target.deadLetterConfig() != null && target.deadLetterConfig().arn() != null) {
                item.put("deadLetterArn", target.deadLetterConfig().arn());
            }
            if (target.retryPolicy() != null) {
                item.put("maximumRetryAttempts", target.retryPolicy().maximumRetryAttempts());
                item.put("maximumEventAgeInSeconds", target.retryPolicy().maximumEventAgeInSeconds());
            }
        }
        return json;
    }

    static List<Target> fromJson(JsonNode targets) {
        List<Target> list = new ArrayList<>();
        for (JsonNode t : targets) {
            Target.Builder target = Target.builder().id(t.path("id").asText()).arn(t.path("arn").asText());
            if (t.hasNonNull("deadLetterArn")) {
                target.deadLetterConfig(d -> d.arn(t.path("deadLetterArn").asText()));
            }
            if (t.hasNonNull("maximumRetryAttempts") || t.hasNonNull("maximumEventAgeInSeconds")) {
                target.retryPolicy(r -> r.maximumRetryAttempts(t.hasNonNull("maximumRetryAttempts")
                        ? t.path("maximumRetryAttempts").asInt() : null).maximumEventAgeInSeconds(
                        t.hasNonNull("maximumEventAgeInSeconds") ? t.path("maximumEventAgeInSeconds").asInt() : null));
            }
            list.add(target.build());
        }
        return list;
    }
}
