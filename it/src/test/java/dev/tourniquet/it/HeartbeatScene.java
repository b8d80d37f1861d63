package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.heartbeat.HeartbeatSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.TagResourceRequest;

/**
 * The heartbeat's world on moto server: its schedule rule and its stack as {@code template.yaml} makes them, and
 * the trail. moto keeps no trail, so {@link #trail()} plays one: every {@code TagResource} the functions really
 * make on EventBridge becomes the CloudTrail record EventBridge would deliver for it (the shape of
 * {@code events/cloudtrail-events-tag-resource-heartbeat.json}, with the call's rule, tags, region and time), made
 * by the role the heartbeat runs as in AWS (locally it calls with the emulator's credentials).
 */
final class HeartbeatScene {
    static final String REGION = Emulator.REGION;
    static final String RULE_ARN = "arn:aws:events:" + REGION + ":123456789012:rule/" + HeartbeatSettings.RULE_NAME;
    static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tourniquet/" + HeartbeatSettings.LOCAL_ROLE_NAME;

    private final Emulator emulator;
    private final Trail trail;

    private HeartbeatScene(Emulator emulator, Trail trail) {
        this.emulator = emulator;
        this.trail = trail;
    }

    /** The interceptor to give the functions' clients, and what it recorded. */
    static Trail trail() {
        return new Trail();
    }

    /** The heartbeat's rule and its stack (termination protection on or off), made as the template makes them. */
    static HeartbeatScene on(Emulator emulator, Trail trail, boolean terminationProtection) {
        EventBridgeClient events = emulator.admin().client("events", REGION, EventBridgeClient::builder);
        events.putRule(r -> r.name(HeartbeatSettings.RULE_NAME).scheduleExpression("rate(5 minutes)"));
        CloudFormationClient cloudFormation = emulator.admin().client("cloudformation", REGION,
                CloudFormationClient::builder);
        cloudFormation.createStack(r -> r.stackName(HeartbeatSettings.LOCAL_STACK_NAME)
                .enableTerminationProtection(terminationProtection)
                .templateBody("{\"Resources\":{\"Marker\":{\"Type\":\"AWS::SQS::Queue\"}}}"));
        return new HeartbeatScene(emulator, trail);
    }

    /** The Scheduled Event EventBridge sends the heartbeat at its rate. */
    static ObjectNode scheduled() {
        ObjectNode event = Emulator.sample("scheduled-heartbeat.json");
        event.put("id", UUID.randomUUID().toString()).put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return event;
    }

    /** The schedule fires: its Scheduled Event, through the template's rules (the heartbeat's delivery). */
    List<ObjectNode> beat() {
        return emulator.deliver(scheduled());
    }

    /** The records the trail delivered since the last call, each through the template's rules. */
    List<ObjectNode> deliverTrail() {
        List<ObjectNode> deliveries = new ArrayList<>();
        for (ObjectNode record : trail.take()) {
            deliveries.addAll(emulator.deliver(record));
        }
        return deliveries;
    }

    /** The forwarder's heartbeat rule in {@code region}, as forwarder.yaml makes it. */
    void forwarderIn(String region) {
        emulator.admin().client("events", region, EventBridgeClient::builder).putRule(r -> r
                .name(HeartbeatSettings.FORWARDER_RULE_NAME).eventPattern("{\"source\":[\"aws.events\"]}"));
    }

    /** The forwarder's heartbeat rule's tags in {@code region}, read from moto. */
    Map<String, String> forwarderTags(String region) {
        return emulator.admin().client("events", region, EventBridgeClient::builder)
                .listTagsForResource(r -> r.resourceARN("arn:aws:events:" + region + ":123456789012:rule/"
                        + HeartbeatSettings.FORWARDER_RULE_NAME)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    /** The heartbeat rule's tags, read from moto. */
    Map<String, String> ruleTags() {
        return emulator.admin().client("events", REGION, EventBridgeClient::builder)
                .listTagsForResource(r -> r.resourceARN(RULE_ARN)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    /** A metric of namespace Tourniquet over the last hour, read from moto's CloudWatch: {@code statistic} of all. */
    double metric(String name, Statistic statistic) {
        Instant now = Instant.now();
        List<Datapoint> points = emulator.admin().client("cloudwatch", REGION, CloudWatchClient::builder)
                .getMetricStatistics(r -> r.namespace("Tourniquet").metricName(name).statistics(statistic)
                        .startTime(now.minus(1, ChronoUnit.HOURS)).endTime(now.plus(5, ChronoUnit.MINUTES)).period(60))
                .datapoints();
        return switch (statistic) {
            case MINIMUM -> points.stream().mapToDouble(Datapoint::minimum).min().orElse(Double.NaN);
            case MAXIMUM -> points.stream().mapToDouble(Datapoint::maximum).max().orElse(Double.NaN);
            default -> points.stream().mapToDouble(Datapoint::sum).sum();
        };
    }

    /** Records the functions' successful EventBridge TagResource calls as CloudTrail records. */
    static final class Trail implements ExecutionInterceptor {
        private final List<ObjectNode> records = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TagResourceRequest tag) {
                String region = attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION).id();
                records.add(record(tag, region, context.httpResponse().firstMatchingHeader("x-amzn-RequestId")
                        .orElse(UUID.randomUUID().toString())));
            }
        }

        List<ObjectNode> take() {
            synchronized (records) {
                List<ObjectNode> taken = List.copyOf(records);
                records.clear();
                return taken;
            }
        }

        private static ObjectNode record(TagResourceRequest call, String region, String requestId) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode event = Emulator.sample("cloudtrail-events-tag-resource-heartbeat.json");
            event.put("id", UUID.randomUUID().toString()).put("time", now.plusSeconds(1).toString()).put("region", region);
            ObjectNode detail = (ObjectNode) event.path("detail");
            detail.put("eventTime", now.toString()).put("awsRegion", region).put("requestID", requestId)
                    .put("eventID", UUID.randomUUID().toString());
            ((ObjectNode) detail.at("/userIdentity/sessionContext/sessionIssuer")).put("arn", ROLE_ARN);
            ObjectNode parameters = detail.putObject("requestParameters").put("resourceARN", call.resourceARN());
            ArrayNode tags = parameters.putArray("tags");
            call.tags().forEach(t -> tags.addObject().put("key", t.key()).put("value", t.value()));
            ((ObjectNode) detail.path("tlsDetails")).put("clientProvidedHostHeader", "events." + region + ".amazonaws.com");
            return event;
        }
    }

    /** The same record, as if another principal had made the write. */
    static ObjectNode byAnotherPrincipal(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        ObjectNode identity = ((ObjectNode) copy.path("detail")).putObject("userIdentity");
        identity.put("type", "IAMUser").put("principalId", "AIDAJQABLZS4A3QDU576Q")
                .put("arn", "arn:aws:iam::123456789012:user/deploy-bot").put("accountId", "123456789012")
                .put("accessKeyId", "AKIAIOSFODNN7EXAMPLE").put("userName", "deploy-bot");
        return copy;
    }
}
