package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * The event history stand-in answers the real SDK's {@code LookupEvents} as CloudTrail does: per region, once a
 * record's history delay has passed on the simulated clock, filtered by one attribute and the time range,
 * newest first and paginated; every other CloudTrail call goes to the emulator behind it.
 */
class EventHistoryTest {
    private static final Instant PUSHED = Instant.parse("2026-11-23T12:00:00Z");
    private static final String KEY = "AKIALEAKED0000000001";

    private final AtomicReference<Instant> now = new AtomicReference<>(PUSHED);
    private final AtomicReference<String> emulatorSaw = new AtomicReference<>("");
    private HttpServer emulator;
    private EventHistory history;

    @BeforeEach
    void start() throws IOException {
        emulator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        emulator.createContext("/", exchange -> {
            emulatorSaw.set(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            byte[] body = "{\"trailList\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        emulator.start();
        history = EventHistory.start(URI.create("http://127.0.0.1:" + emulator.getAddress().getPort()), now::get);
    }

    @AfterEach
    void stop() {
        history.close();
        emulator.stop(0);
    }

    private CloudTrailClient cloudTrail(String region) {
        return CloudTrailClient.builder().region(Region.of(region)).endpointOverride(history.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    private static ObjectNode record(String eventName, String region, String key, Duration at, String instanceId) {
        ObjectNode record = Json.object().put("eventVersion", "1.09").put("eventTime", PUSHED.plus(at).toString())
                .put("eventSource", "ec2.amazonaws.com").put("eventName", eventName).put("awsRegion", region)
                .put("eventID", java.util.UUID.randomUUID().toString()).put("readOnly", false);
        record.putObject("userIdentity").put("type", "IAMUser").put("accessKeyId", key).put("userName", "deploy-bot");
        record.putObject("requestParameters");
        record.putObject("responseElements").putObject("instancesSet").putArray("items").addObject()
                .put("instanceId", instanceId);
        return record;
    }

    private LookupEventsResponse byKey(CloudTrailClient client, String key) {
        return client.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey(LookupAttributeKey.ACCESS_KEY_ID)
                .attributeValue(key)).startTime(PUSHED.minus(Duration.ofHours(1))).endTime(Instant.now()));
    }

    @Test
    void lookupEvents_recordInARegionWithoutAStack_foundThereOnceItsHistoryDelayPassed() {
        history.record("sa-east-1", record("RunInstances", "sa-east-1", KEY, Duration.ofSeconds(64), "i-0sa"),
                PUSHED.plus(Duration.ofSeconds(244)));

        try (CloudTrailClient saoPaulo = cloudTrail("sa-east-1"); CloudTrailClient virginia = cloudTrail("us-east-1")) {
            now.set(PUSHED.plus(Duration.ofSeconds(67)));
            assertThat(byKey(saoPaulo, KEY).events()).isEmpty();

            now.set(PUSHED.plus(Duration.ofSeconds(244)));
            List<Event> events = byKey(saoPaulo, KEY).events();
            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.eventName()).isEqualTo("RunInstances");
                assertThat(event.accessKeyId()).isEqualTo(KEY);
                assertThat(event.eventTime()).isEqualTo(PUSHED.plus(Duration.ofSeconds(64)));
                assertThat(event.resources()).singleElement().satisfies(r -> {
                    assertThat(r.resourceType()).isEqualTo("AWS::EC2::Instance");
                    assertThat(r.resourceName()).isEqualTo("i-0sa");
                });
                JsonNode parsed = Json.MAPPER.readTree(event.cloudTrailEvent());
                assertThat(parsed.path("awsRegion").asText()).isEqualTo("sa-east-1");
            });
            // CloudTrail's event history is regional: us-east-1's does not hold sa-east-1's record.
            assertThat(byKey(virginia, KEY).events()).isEmpty();
        }
        assertThat(history.lookups()).isEqualTo(3);
        assertThat(history.regionsAsked()).containsExactly("sa-east-1", "us-east-1");
    }

    @Test
    void lookupEvents_filtersByKeyAndStartTime_newestFirst_paginated() {
        for (int i = 0; i < 55; i++) {
            history.record("us-east-1", record("RunInstances", "us-east-1", KEY, Duration.ofSeconds(60 + i), "i-" + i),
                    PUSHED);
        }
        history.record("us-east-1", record("RunInstances", "us-east-1", "AKIAOTHER", Duration.ofSeconds(61), "i-x"),
                PUSHED);
        now.set(PUSHED.plus(Duration.ofMinutes(10)));

        try (CloudTrailClient client = cloudTrail("us-east-1")) {
            LookupEventsResponse first = byKey(client, KEY);
            assertThat(first.events()).hasSize(50);
            assertThat(first.events().get(0).resources().get(0).resourceName()).isEqualTo("i-54");
            LookupEventsResponse second = client.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(KEY)).nextToken(first.nextToken()));
            assertThat(second.events()).hasSize(5);
            assertThat(second.nextToken()).isNull();
            LookupEventsResponse late = client.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.RESOURCE_NAME).attributeValue("i-x")));
            assertThat(late.events()).singleElement().satisfies(e -> assertThat(e.accessKeyId()).isEqualTo("AKIAOTHER"));
            LookupEventsResponse recent = client.lookupEvents(r -> r.lookupAttributes(a -> a
                    .attributeKey(LookupAttributeKey.ACCESS_KEY_ID).attributeValue(KEY))
                    .startTime(PUSHED.plus(Duration.ofSeconds(110))));
            assertThat(recent.events()).hasSize(5);
        }
    }

    @Test
    void otherCloudTrailCalls_goToTheEmulator() {
        try (CloudTrailClient client = cloudTrail("us-east-1")) {
            assertThat(client.describeTrails().trailList()).isEmpty();
        }
        assertThat(emulatorSaw.get()).endsWith("DescribeTrails");
        assertThat(history.lookups()).isZero();
    }
}
