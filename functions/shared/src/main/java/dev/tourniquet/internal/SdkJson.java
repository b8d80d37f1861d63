package dev.tourniquet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * An SDK response or model object as JSON, with AWS's own member names ({@code FunctionName},
 * {@code ReservedConcurrentExecutions}): evidence and prior states read like the API documentation.
 * Members AWS did not send are left out.
 */
public final class SdkJson {
    private SdkJson() {}

    public static JsonNode of(Object value) {
        return switch (value) {
            case null -> NullNode.getInstance();
            case SdkPojo pojo -> object(pojo);
            case Collection<?> list -> {
                ArrayNode array = Json.MAPPER.createArrayNode();
                list.forEach(item -> array.add(of(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = Json.object();
                map.forEach((k, v) -> object.set(String.valueOf(k), of(v)));
                yield object;
            }
            case SdkBytes bytes -> Json.MAPPER.getNodeFactory()
                    .textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
            case Instant instant -> Json.MAPPER.getNodeFactory().textNode(instant.toString());
            case Number number -> Json.MAPPER.valueToTree(number);
            case Boolean bool -> Json.MAPPER.getNodeFactory().booleanNode(bool);
            default -> Json.MAPPER.getNodeFactory().textNode(value.toString());
        };
    }

    public static ObjectNode object(SdkPojo pojo) {
        ObjectNode object = Json.object();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            // Lists and maps AWS did not send are auto-constructed empties: absent, not empty.
            if (value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap)) {
                object.set(field.memberName(), of(value));
            }
        }
        return object;
    }
}
