package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import java.util.Optional;

/**
 * The detail of a {@link ChainEvents#RESOURCE_OF_CONTAINED_CREDENTIAL} chain event, written by record-provenance
 * and read by the containment functions: {@code {incidentId, accessKeyId, principalArn, principalType,
 * record{eventId, eventName, time, region, accountId, resourceType, resourceId, details}}}, where {@code incidentId} is
 * the containment of the record's credential.
 */
public final class LateRecordEvent {
    /**
     * The kinds of record a late announcement may name: a function, an instance, a Spot request, group, launch template
     * or configuration or fleet (their sweeps), a workload (ECS, CodeBuild, SageMaker, Batch), an
     * identity the credential created or a change it made in IAM (the credential function's persistence sweep).
     */
    static final java.util.Set<String> LATE_TYPES = java.util.Set.copyOf(java.util.stream.Stream.concat(
            java.util.stream.Stream.of("function", "instance", "spot-request", TagWrites.IDENTITY, IamEventReader.IAM,
                    Shares.TYPE), java.util.stream.Stream.concat(LaunchSource.TYPES.stream(), Workload.TYPES.stream()))
            .toList());

    private LateRecordEvent() {}

    /** The detail announcing {@code record}, whose credential {@code containment} contained. */
    public static ObjectNode detail(String containment, Provenance record) {
        ObjectNode detail = Json.object().put("incidentId", containment)
                .put("accessKeyId", record.accessKeyId().orElse(null)).put("principalArn", record.principalArn())
                .put("principalType", record.principalType());
        detail.putObject("record").put("eventId", record.eventId()).put("eventName", record.eventName())
                .put("time", record.time().toString()).put("region", record.region())
                .put("accountId", record.accountId()).put("resourceType", record.resourceType())
                .put("resourceId", record.resourceId());
        ObjectNode details = ((ObjectNode) detail.get("record")).putObject("details");
        record.details().forEach(details::put);
        return detail;
    }

    /** The late record a detail announces, or why it cannot be read. */
    static ParseResult parse(Origin origin, JsonNode detail) {
        Optional<String> containment = Json.text(detail, "/incidentId");
        Optional<Provenance> late = record(origin, detail);
        if (containment.isEmpty() || late.isEmpty() || late.get().accessKeyId().isEmpty()) {
            return new ParseResult.Rejected("the " + ChainEvents.RESOURCE_OF_CONTAINED_CREDENTIAL + " event lacks"
                    + " detail.incidentId, accessKeyId, principalArn or record{resourceType, resourceId, region}");
        }
        return new ParseResult.LateRecord(origin, containment.get(), late.get());
    }

    /** The record a detail carries (its key optional), if it names a principal and a resource of a known kind. */
    static Optional<Provenance> record(Origin origin, JsonNode detail) {
        JsonNode record = detail.path("record");
        Optional<String> key = Json.text(detail, "/accessKeyId");
        Optional<String> principal = Json.text(detail, "/principalArn");
        Optional<String> type = Json.text(record, "/resourceType").filter(LATE_TYPES::contains);
        Optional<String> resource = Json.text(record, "/resourceId");
        Optional<String> region = Json.text(record, "/region");
        if (principal.isEmpty() || type.isEmpty() || resource.isEmpty() || region.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Provenance(Json.text(record, "/eventId").orElse(origin.eventId()),
                Json.text(record, "/eventName").orElse(""),
                Json.text(record, "/time").flatMap(Envelope::instant).orElse(origin.time()), region.get(),
                Json.text(record, "/accountId").orElse(origin.accountId()), type.get(), resource.get(), key,
                principal.get(), Json.text(detail, "/principalType").orElse("Unknown"), details(record.path("details"))));
    }

    private static java.util.Map<String, String> details(JsonNode details) {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        details.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                found.put(e.getKey(), e.getValue().asText());
            }
        });
        return found;
    }
}
