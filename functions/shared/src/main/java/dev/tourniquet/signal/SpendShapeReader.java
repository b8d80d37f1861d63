package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a spend-creating CloudTrail record's {@link SpendShape} into its provenance details: a function's memory and
 * timeout ({@code responseElements}, which holds the whole configuration after the call, else what the request set),
 * and the instance types a launch names. EC2's query API is written by CloudTrail with lists as arrays, as
 * {@code {item: …}} or as a single object depending on the call and the count, so instance types are collected from
 * every {@code instanceType}/{@code InstanceType} member under the part of the record that describes the launch.
 */
final class SpendShapeReader {
    private static final Set<String> FUNCTION_SHAPED = Set.of("CreateFunction20150331",
            "UpdateFunctionConfiguration20150331v2");

    private SpendShapeReader() {}

    /** A function's memory and timeout, as far as the record says them. */
    static Map<String, String> function(JsonNode record, String eventName) {
        Map<String, String> shape = new HashMap<>();
        if (!FUNCTION_SHAPED.contains(eventName)) {
            return shape;
        }
        for (String key : List.of(SpendShape.MEMORY_MB, SpendShape.TIMEOUT_SECONDS)) {
            Json.text(record, "/responseElements/" + key).or(() -> Json.text(record, "/requestParameters/" + key))
                    .ifPresent(value -> shape.put(key, value));
        }
        return shape;
    }

    /** The instance types named anywhere under {@code node}, comma-separated, if any. */
    static Optional<String> instanceTypes(JsonNode node) {
        Set<String> types = new LinkedHashSet<>();
        collect(node, types);
        return types.isEmpty() ? Optional.empty() : Optional.of(String.join(",", types));
    }

    /** {@code details} with the instance types under {@code node} added, when it names any. */
    static Map<String, String> withTypes(Map<String, String> details, JsonNode node) {
        Optional<String> types = instanceTypes(node);
        if (types.isEmpty()) {
            return details;
        }
        Map<String, String> added = new HashMap<>(details);
        added.put(SpendShape.INSTANCE_TYPE, types.get());
        return added;
    }

    /**
     * {@code details} with the launch template a fleet launches from ({@code launchTemplateId}, else
     * {@code launchTemplateName}) when {@code node} names one: the template's own record may say its type.
     */
    static Map<String, String> withTemplate(Map<String, String> details, JsonNode node) {
        Map<String, String> added = new HashMap<>(details);
        for (String key : List.of("launchTemplateId", "launchTemplateName")) {
            Set<String> found = new LinkedHashSet<>();
            collect(node, found, Set.of(key, Character.toUpperCase(key.charAt(0)) + key.substring(1)));
            found.stream().findFirst().ifPresent(value -> added.putIfAbsent(key, value));
        }
        return added;
    }

    /**
     * The records with the service that made the call for the caller ({@code userIdentity.invokedBy}) noted on those
     * the footprint judges: an AWS service acting for the owner is never judged as the caller.
     */
    static List<Provenance> stamped(JsonNode record, List<Provenance> records) {
        Optional<String> invokedBy = Json.text(record, "/userIdentity/invokedBy");
        if (invokedBy.isEmpty()) {
            return records;
        }
        List<Provenance> stamped = new ArrayList<>();
        for (Provenance p : records) {
            if (!SpendShape.judged(p)) {
                stamped.add(p);
                continue;
            }
            Map<String, String> details = new HashMap<>(p.details());
            details.put(SpendShape.INVOKED_BY, invokedBy.get());
            stamped.add(new Provenance(p.eventId(), p.eventName(), p.time(), p.region(), p.accountId(),
                    p.resourceType(), p.resourceId(), p.accessKeyId(), p.principalArn(), p.principalType(), details));
        }
        return stamped;
    }

    private static void collect(JsonNode node, Set<String> types) {
        collect(node, types, Set.of("instanceType", "InstanceType"));
    }

    private static void collect(JsonNode node, Set<String> types, Set<String> names) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, types, names));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.properties().forEach(e -> {
            if (names.contains(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
                types.add(e.getValue().asText().trim());
            } else {
                collect(e.getValue(), types, names);
            }
        });
    }
}
