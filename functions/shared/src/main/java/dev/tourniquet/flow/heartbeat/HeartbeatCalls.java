package dev.tourniquet.flow.heartbeat;

import dev.tourniquet.internal.AwsClients;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The heartbeat's only AWS calls, in its own region. IAM actions: {@code events:TagResource} on its own rule,
 * {@code cloudformation:DescribeStacks} on its own stack, {@code cloudwatch:PutMetricData} in namespace
 * {@value #NAMESPACE}.
 */
public final class HeartbeatCalls {
    public static final String NAMESPACE = "Tourniquet";
    public static final List<String> PERMISSIONS = List.of("events:TagResource", "cloudformation:DescribeStacks",
            "cloudwatch:PutMetricData");

    private final AwsClients clients;
    private final String region;

    public HeartbeatCalls(AwsClients clients, String region) {
        this.clients = clients;
        this.region = region;
    }

    /** One data point. */
    public record Metric(String name, double value, StandardUnit unit, Instant at) {
        static Metric count(String name, double value, Instant at) {
            return new Metric(name, value, StandardUnit.COUNT, at);
        }

        static Metric seconds(String name, double value, Instant at) {
            return new Metric(name, value, StandardUnit.SECONDS, at);
        }
    }

    void tagOwnRule(String ruleArn, String key, String value) {
        events().tagResource(r -> r.resourceARN(ruleArn).tags(t -> t.key(key).value(value)));
    }

    /** Whether the stack (its exact id) has termination protection on. */
    boolean terminationProtected(String stack) {
        List<Stack> stacks = cloudFormation().describeStacks(r -> r.stackName(stack)).stacks();
        return !stacks.isEmpty() && Boolean.TRUE.equals(stacks.get(0).enableTerminationProtection());
    }

    void putMetrics(Metric... metrics) {
        List<MetricDatum> data = Arrays.stream(metrics).map(m -> MetricDatum.builder().metricName(m.name())
                .value(m.value()).unit(m.unit()).timestamp(m.at()).build()).toList();
        cloudWatch().putMetricData(r -> r.namespace(NAMESPACE).metricData(data));
    }

    void prime() {
        events();
        cloudFormation();
        cloudWatch();
    }

    private EventBridgeClient events() {
        return clients.client("events", region, EventBridgeClient::builder);
    }

    private CloudFormationClient cloudFormation() {
        return clients.client("cloudformation", region, CloudFormationClient::builder);
    }

    private CloudWatchClient cloudWatch() {
        return clients.client("cloudwatch", region, CloudWatchClient::builder);
    }
}
