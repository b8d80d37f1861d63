package dev.tourniquet.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * An SDK response as JSON, field names as AWS writes them ({@code InstanceId}), for evidence: what AWS
 * said about a resource, complete and readable, without a hand-written mapping per type.
 */
public final class SdkJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SdkJson() {}

    public static ObjectNode of(SdkPojo pojo) {
        ObjectNode json = NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value != null) {
                json.set(field.memberName(), value(value));
            }
        }
        return json;
    }

    private static JsonNode value(Object value) {
        return switch (value) {
            case SdkPojo pojo -> of(pojo);
            case Collection<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(item -> array.add(value(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
                yield object;
            }
            case Boolean bool -> NODES.booleanNode(bool);
            case Integer number -> NODES.numberNode(number);
            case Long number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case SdkBytes bytes -> NODES.textNode(java.util.Base64.getEncoder().encodeToString(bytes.asByteArray()));
            default -> NODES.textNode(value.toString());
        };
    }
}
