package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * The reverse of {@link dev.tourniquet.internal.SdkJson}: an SDK model object built again from the JSON recorded in a
 * prior state (AWS's member names). A rule's target carries whichever parameters its kind needs (ECS, Batch, SQS,
 * HTTP …); reading every member the model declares puts back exactly what was removed, whatever kind it was.
 */
final class SdkPojos {
    private SdkPojos() {}

    /** {@code json} read into a fresh {@code builder} and built. */
    @SuppressWarnings("unchecked")
    static <T> T read(JsonNode json, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = json.get(field.memberName());
            if (value != null && !value.isNull()) {
                field.set(builder, value(value, field));
            }
        }
        return (T) ((Buildable) builder).build();
    }

    private static Object value(JsonNode json, SdkField<?> field) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.SDK_POJO) {
            return read(json, field.constructor().get());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            json.forEach(item -> list.add(value(item, member)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields().forEachRemaining(e -> map.put(e.getKey(), value(e.getValue(), member)));
            return map;
        }
        return scalar(json, type);
    }

    private static Object scalar(JsonNode json, MarshallingType<?> type) {
        if (type == MarshallingType.INTEGER) {
            return json.asInt();
        }
        if (type == MarshallingType.LONG) {
            return json.asLong();
        }
        if (type == MarshallingType.BOOLEAN) {
            return json.asBoolean();
        }
        if (type == MarshallingType.DOUBLE) {
            return json.asDouble();
        }
        if (type == MarshallingType.INSTANT) {
            return Instant.parse(json.asText());
        }
        return json.asText();
    }
}
