package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;

/**
 * The detail of a {@link ChainEvents#RESOURCE_OUTSIDE_FOOTPRINT} chain event, written by whoever found the breach
 * (record-provenance from a CloudTrail event, the inventory, the cost and usage brakes) and read by the containing
 * functions: {@code {incidentId, accessKeyId, principalArn, principalType, rule, findingType, description,
 * record{eventId, eventName, time, region, accountId, resourceType, resourceId, details}}}. The incident id is the
 * breach's own ({@code footprint/<resourceId>}): one incident per resource, however many times it is announced.
 */
public final class FootprintBreachEvent {
    private FootprintBreachEvent() {}

    /** The incident of a breach on {@code resourceId}: the same for every announcement of that resource. */
    public static String incidentId(String resourceId) {
        return "footprint/" + resourceId;
    }

    /**
     * The resource a breach announces, as the containing functions act on it: a function or an instance as its signal
     * (its origin's finding id the breach's incident id, its finding type the rule's, its reason the breach's
     * description for the alert); a Spot request, fleet or group as the record alone, its instances found at run time.
     */
    static ParseResult parse(Origin delivered, JsonNode detail) {
        java.util.Optional<String> findingType = Json.text(detail, "/findingType");
        java.util.Optional<String> description = Json.text(detail, "/description");
        if (findingType.isEmpty() || description.isEmpty()) {
            return new ParseResult.Rejected("the " + ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT + " event lacks"
                    + " detail.findingType or detail.description");
        }
        // The key is optional here (a caller without one is not named, its resource still contained).
        java.util.Optional<String> incident = Json.text(detail, "/incidentId");
        java.util.Optional<Provenance> read = LateRecordEvent.record(delivered, detail);
        if (incident.isEmpty() || read.isEmpty()) {
            return new ParseResult.Rejected("the " + ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT + " event lacks"
                    + " detail.incidentId, principalArn or record{resourceType, resourceId, region}");
        }
        Provenance record = read.get();
        if (!incidentId(record.resourceId()).equals(incident.get())) {
            return new ParseResult.Rejected("the " + ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT + " event's incidentId "
                    + incident.get() + " is not " + incidentId(record.resourceId()));
        }
        Origin origin = new Origin(delivered.eventId(), delivered.source(), delivered.detailType(),
                incident, findingType, 0, "", record.accountId(), record.region(),
                delivered.time(), false, delivered.accountId(), record.time());
        String reason = "outside the footprint: " + description.get();
        java.util.List<Signal> signals = switch (record.resourceType()) {
            case "function" -> FunctionArn.parse(record.resourceId()).<java.util.List<Signal>>map(arn -> java.util.List.of(
                    new CompromisedFunction(origin, arn.unqualified(), arn.name(), arn.region(),
                            java.util.Optional.empty(), reason))).orElse(java.util.List.of());
            case "instance" -> java.util.List.of(new CompromisedInstance(origin, record.resourceId(), record.region(),
                    java.util.Optional.empty(), java.util.List.of(), false, true, reason,
                    InstanceFacts.NONE.withLaunchedBy(java.util.Optional.of(record))));
            default -> Workload.of(record).<java.util.List<Signal>>map(w -> java.util.List.of(
                    new CompromisedWorkload(origin, w, reason, false, java.util.Optional.of(record))))
                    .orElse(java.util.List.of());
        };
        if (signals.isEmpty() && !SpendShape.SPENDING_TYPES.contains(record.resourceType())
                || "function".equals(record.resourceType()) && signals.isEmpty()) {
            return new ParseResult.Rejected("the " + ChainEvents.RESOURCE_OUTSIDE_FOOTPRINT + " event names "
                    + record.resourceType() + " " + record.resourceId() + ", which nothing contains");
        }
        return new ParseResult.OutsideFootprint(origin, record, reason, signals);
    }

    /**
     * The detail announcing that {@code record} launched something outside the footprint.
     *
     * @param rule        the template parameter whose rule it broke ({@code AllowedRegions} …)
     * @param findingType what the incident records as its finding type ({@code Footprint:AllowedRegions})
     * @param description one sentence for the alert
     */
    public static ObjectNode detail(Provenance record, String rule, String findingType, String description) {
        ObjectNode detail = LateRecordEvent.detail(incidentId(record.resourceId()), record);
        return detail.put("rule", rule).put("findingType", findingType).put("description", description);
    }
}
