package dev.tourniquet.step.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedEventSelector;
import software.amazon.awssdk.services.cloudtrail.model.AdvancedFieldSelector;
import software.amazon.awssdk.services.cloudtrail.model.DataResource;
import software.amazon.awssdk.services.cloudtrail.model.EventSelector;
import software.amazon.awssdk.services.cloudtrail.model.GetEventSelectorsResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * A trail's configuration as JSON, in the shape of CloudTrail's own request parameters ({@code eventSelectors},
 * {@code advancedEventSelectors}, {@code isMultiRegionTrail} …), and back: what the baseline records and the undo
 * puts back.
 *
 * <p>IAM actions: {@code cloudtrail:GetTrail}, {@code cloudtrail:GetTrailStatus}, {@code cloudtrail:GetEventSelectors},
 * {@code cloudtrail:GetInsightSelectors} (reads only).
 */
public final class TrailConfiguration {
    public static final List<String> READ_PERMISSIONS = List.of("cloudtrail:GetTrail", "cloudtrail:GetTrailStatus",
            "cloudtrail:GetEventSelectors", "cloudtrail:GetInsightSelectors");

    private TrailConfiguration() {}

    /** The CloudTrail client of a region (CloudTrail's control plane: no pacing needed at these volumes). */
    public static CloudTrailClient client(AwsClients clients, String region) {
        return clients.client("cloudtrail", region, CloudTrailClient::builder);
    }

    /** The trail's settings, status and selectors, as the baseline keeps them. */
    public static ObjectNode read(CloudTrailClient cloudTrail, Trail trail) {
        ObjectNode json = Json.object().put("name", trail.name()).put("trailArn", trail.trailARN())
                .put("homeRegion", trail.homeRegion())
                .put("isMultiRegionTrail", Boolean.TRUE.equals(trail.isMultiRegionTrail()))
                .put("includeGlobalServiceEvents", Boolean.TRUE.equals(trail.includeGlobalServiceEvents()))
                .put("isLogging", Boolean.TRUE.equals(cloudTrail.getTrailStatus(r -> r.name(trail.trailARN())).isLogging()));
        json.setAll(selectors(cloudTrail.getEventSelectors(r -> r.trailName(trail.trailARN()))));
        ArrayNode insights = json.putArray("insightSelectors");
        if (Boolean.TRUE.equals(trail.hasInsightSelectors())) {
            cloudTrail.getInsightSelectors(r -> r.trailName(trail.trailARN())).insightSelectors()
                    .forEach(s -> insights.addObject().put("insightType", s.insightTypeAsString()));
        }
        return json;
    }

    /** Whether a recorded trail is as it should be: logging, and recording management write events. */
    public static boolean healthy(JsonNode trail) {
        return trail.path("isLogging").asBoolean(false)
                && dev.tourniquet.signal.SensorWeakenings.recordsManagementWrites(trail);
    }

    /** {@code {eventSelectors, advancedEventSelectors}} as the trail has them now. */
    static ObjectNode selectors(GetEventSelectorsResponse response) {
        ObjectNode json = Json.object();
        ArrayNode basic = json.putArray("eventSelectors");
        for (EventSelector selector : response.eventSelectors()) {
            ObjectNode item = basic.addObject().put("readWriteType", selector.readWriteTypeAsString())
                    .put("includeManagementEvents", !Boolean.FALSE.equals(selector.includeManagementEvents()));
            ArrayNode data = item.putArray("dataResources");
            selector.dataResources().forEach(d -> {
                ArrayNode values = data.addObject().put("type", d.type()).putArray("values");
                d.values().forEach(values::add);
            });
            ArrayNode excluded = item.putArray("excludeManagementEventSources");
            selector.excludeManagementEventSources().forEach(excluded::add);
        }
        ArrayNode advanced = json.putArray("advancedEventSelectors");
        for (AdvancedEventSelector selector : response.advancedEventSelectors()) {
            ObjectNode item = advanced.addObject();
            if (selector.name() != null) {
                item.put("name", selector.name());
            }
            ArrayNode fields = item.putArray("fieldSelectors");
            for (AdvancedFieldSelector field : selector.fieldSelectors()) {
                ObjectNode f = fields.addObject().put("field", field.field());
                array(f, "equals", field.equalsValue());
                array(f, "startsWith", field.startsWith());
                array(f, "endsWith", field.endsWith());
                array(f, "notEquals", field.notEquals());
                array(f, "notStartsWith", field.notStartsWith());
                array(f, "notEndsWith", field.notEndsWith());
            }
        }
        return json;
    }

    /** Puts recorded selectors back: the advanced ones if any were recorded, else the basic ones. */
    static void put(CloudTrailClient cloudTrail, String trail, JsonNode recorded) {
        if (!recorded.path("advancedEventSelectors").isEmpty()) {
            List<AdvancedEventSelector> advanced = new ArrayList<>();
            for (JsonNode selector : recorded.path("advancedEventSelectors")) {
                List<AdvancedFieldSelector> fields = new ArrayList<>();
                for (JsonNode f : selector.path("fieldSelectors")) {
                    fields.add(AdvancedFieldSelector.builder().field(f.path("field").asText())
                            .equalsValue(strings(f.path("equals"))).startsWith(strings(f.path("startsWith")))
                            .endsWith(strings(f.path("endsWith"))).notEquals(strings(f.path("notEquals")))
                            .notStartsWith(strings(f.path("notStartsWith"))).notEndsWith(strings(f.path("notEndsWith")))
                            .build());
                }
                advanced.add(AdvancedEventSelector.builder().name(Json.text(selector, "/name").orElse(null))
                        .fieldSelectors(fields).build());
            }
            cloudTrail.putEventSelectors(r -> r.trailName(trail).advancedEventSelectors(advanced));
            return;
        }
        List<EventSelector> basic = new ArrayList<>();
        for (JsonNode s : recorded.path("eventSelectors")) {
            List<DataResource> data = new ArrayList<>();
            s.path("dataResources").forEach(d -> data.add(DataResource.builder().type(d.path("type").asText())
                    .values(strings(d.path("values"))).build()));
            basic.add(EventSelector.builder().readWriteType(s.path("readWriteType").asText("All"))
                    .includeManagementEvents(s.path("includeManagementEvents").asBoolean(true)).dataResources(data)
                    .excludeManagementEventSources(strings(s.path("excludeManagementEventSources"))).build());
        }
        if (basic.isEmpty()) {
            // No selector recorded is CloudTrail's default: every management event, reads and writes.
            basic.add(EventSelector.builder().readWriteType("All").includeManagementEvents(true).build());
        }
        cloudTrail.putEventSelectors(r -> r.trailName(trail).eventSelectors(basic));
    }

    private static void array(ObjectNode json, String name, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode array = json.putArray(name);
            values.forEach(array::add);
        }
    }

    private static List<String> strings(JsonNode array) {
        if (array.isMissingNode() || array.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
