package dev.tourniquet.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.tourniquet.internal.Json;
import java.time.Instant;

/**
 * CloudTrail's {@code LookupEvents} (JSON 1.1 protocol), which moto does not serve, answered by WireMock: the
 * event history holds the records given here, as CloudTrail returns them ({@code CloudTrailEvent} is the
 * record as a JSON string).
 */
final class CloudTrailStub {
    static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

    private CloudTrailStub() {}

    static MappingBuilder lookupEvents() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET));
    }

    /** An empty event history (the default answer). */
    static void noEvents(WireMockServer wiremock) {
        ObjectNode empty = Json.object();
        empty.putArray("Events");
        wiremock.stubFor(lookupEvents().atPriority(10).willReturn(json(empty)));
    }

    /** The history of the resource named {@code resourceName}: these EventBridge-delivered CloudTrail events. */
    static void events(WireMockServer wiremock, String resourceName, JsonNode... deliveredEvents) {
        ObjectNode body = Json.object();
        ArrayNode events = body.putArray("Events");
        for (JsonNode delivered : deliveredEvents) {
            JsonNode record = delivered.path("detail");
            historyEvent(events, record).putArray("Resources").addObject().put("ResourceType", "AWS::Lambda::Function")
                    .put("ResourceName", resourceName);
        }
        wiremock.stubFor(lookupEvents().atPriority(1)
                .withRequestBody(matchingJsonPath("$.LookupAttributes[0].AttributeValue", equalTo(resourceName)))
                .willReturn(json(body)));
    }

    /** Adds {@code record} to {@code events} as LookupEvents lists it ({@code CloudTrailEvent}: the record as a string). */
    static ObjectNode historyEvent(ArrayNode events, JsonNode record) {
        return events.addObject().put("EventId", record.path("eventID").asText())
                .put("EventName", record.path("eventName").asText()).put("ReadOnly", "false")
                .put("AccessKeyId", record.at("/userIdentity/accessKeyId").asText())
                .put("EventTime", Instant.parse(record.path("eventTime").asText()).getEpochSecond())
                .put("EventSource", record.path("eventSource").asText())
                .put("Username", record.at("/userIdentity/userName").asText())
                .put("CloudTrailEvent", Json.write(record));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(JsonNode body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody(Json.write(body));
    }
}
