package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;

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
