package dev.tourniquet.flow.heartbeat;

import dev.tourniquet.internal.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * The heartbeat's only AWS calls. IAM actions: {@code events:TagResource} on its own rule and on the forwarders'
 * heartbeat rule (its exact name, in each other region), {@code cloudformation:DescribeStacks} on its own stack,
 * {@code cloudwatch:PutMetricData} in namespace {@value #NAMESPACE}, {@code cloudwatch:GetMetricData} (the regions'
 * heartbeats of the last half hour) and {@code ec2:DescribeRegions} (the regions enabled in the account).
 */
public final class HeartbeatCalls {
    public static final String NAMESPACE = "Tourniquet";
    public static final List<String> PERMISSIONS = List.of("events:TagResource", "cloudformation:DescribeStacks",
            "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "ec2:DescribeRegions");
    /** A forwarded heartbeat, by region (dimension {@value #REGION_DIMENSION}). */
    public static final String REGION_METRIC = "RegionHeartbeatReturned";
    public static final String REGION_DIMENSION = "Region";

    private final AwsClients clients;
    private final String region;

    public HeartbeatCalls(AwsClients clients, String region) {
        this.clients = clients;
        this.region = region;
    }

    /** One data point; {@code region}, when present, its {@value #REGION_DIMENSION} dimension. */
    public record Metric(String name, double value, StandardUnit unit, Instant at, Optional<String> region) {
        static Metric count(String name, double value, Instant at) {
            return new Metric(name, value, StandardUnit.COUNT, at, Optional.empty());
        }

        static Metric seconds(String name, double value, Instant at) {
            return new Metric(name, value, StandardUnit.SECONDS, at, Optional.empty());
        }

        Metric in(String region) {
            return new Metric(name, value, unit, at, Optional.of(region));
        }
    }

    /** The regions enabled in the account (DescribeRegions lists only those, opt-in regions once opted in). */
    List<String> enabledRegions() {
        return ec2().describeRegions().regions().stream().map(Region::regionName).sorted().toList();
    }

    /** Tags a forwarder's heartbeat rule in its region; false when that region has no such rule (no forwarder). */
    boolean tagForwarderRule(String region, String ruleArn, String key, String value) {
        try {
            clients.client("events", region, EventBridgeClient::builder)
                    .tagResource(r -> r.resourceARN(ruleArn).tags(t -> t.key(key).value(value)));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** The forwarded heartbeats of each region between {@code from} and {@code to} (0 for a region with none). */
    Map<String, Double> regionHeartbeats(List<String> regions, Instant from, Instant to) {
        Map<String, Double> counts = new TreeMap<>();
        if (regions.isEmpty()) {
            return counts;
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            String region = regions.get(i);
            counts.put(region, 0.0);
            queries.add(MetricDataQuery.builder().id("r" + i).label(region).returnData(true)
                    .metricStat(s -> s.stat("Sum").period((int) Math.max(60, Duration.between(from, to).toSeconds()))
                            .metric(m -> m.namespace(NAMESPACE).metricName(REGION_METRIC)
                                    .dimensions(d -> d.name(REGION_DIMENSION).value(region)))).build());
        }
        // One page holds 500 queries; AWS has fewer regions.
        for (MetricDataResult result : cloudWatch().getMetricData(r -> r.startTime(from).endTime(to)
                .metricDataQueries(queries)).metricDataResults()) {
            String region = regions.get(Integer.parseInt(result.id().substring(1)));
            counts.merge(region, result.values().stream().mapToDouble(Double::doubleValue).sum(), Double::sum);
        }
        return counts;
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
                .value(m.value()).unit(m.unit()).timestamp(m.at())
                .dimensions(m.region().stream().map(r -> Dimension.builder().name(REGION_DIMENSION).value(r).build())
                        .toList()).build()).toList();
        cloudWatch().putMetricData(r -> r.namespace(NAMESPACE).metricData(data));
    }

    void prime() {
        events();
        cloudFormation();
        cloudWatch();
        ec2();
    }

    private Ec2Client ec2() {
        return clients.client("ec2", region, Ec2Client::builder);
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
