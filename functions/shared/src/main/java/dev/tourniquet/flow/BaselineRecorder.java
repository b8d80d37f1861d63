package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.records.BaselineStore;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Tampering;
import dev.tourniquet.signal.Weakening;
import dev.tourniquet.step.bedrock.ModelInvocationLogging;
import dev.tourniquet.step.cloudtrail.TrailConfiguration;
import dev.tourniquet.step.guardduty.DetectorConfiguration;
import dev.tourniquet.step.lambda.LambdaClients;
import dev.tourniquet.step.tampering.OwnRules;
import dev.tourniquet.step.tampering.RuleTargets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * The scheduled baseline of one region (each regional stack runs its own): the configuration of every trail whose home
 * is this region, of every GuardDuty detector here, and of Tourniquet's own functions (reserved concurrency) and rules
 * (state, targets) here, recorded in the baseline records so that an undo restores what was there. One resource that
 * cannot be read does not stop the others; the summary names it.
 */
public final class BaselineRecorder {
    /** Every action the baseline calls: the reads, and the records' writes. */
    public static final List<String> PERMISSIONS = Stream.of(List.of("cloudtrail:DescribeTrails"),
            TrailConfiguration.READ_PERMISSIONS, DetectorConfiguration.READ_PERMISSIONS,
            ModelInvocationLogging.READ_PERMISSIONS,
            List.of("lambda:GetFunctionConcurrency", "events:DescribeRule", "events:ListTargetsByRule"),
            BaselineStore.PERMISSIONS).flatMap(List::stream).distinct().toList();
    private static final StructuredLog LOG = StructuredLog.of(BaselineRecorder.class);

    private final AwsClients clients;
    private final String region;
    private final OwnStack own;
    private final Supplier<BaselineStore> baselines;

    public BaselineRecorder(AwsClients clients, Records records) {
        this.clients = clients;
        this.region = clients.configuration().region();
        this.own = clients.configuration().ownStack();
        this.baselines = records::baselines;
    }

    /**
     * A resource found weakened where the baseline had recorded it healthy: tampering whose CloudTrail event was not
     * seen (both rule watchers disabled at once, a delivery lost), undone by the scheduled run.
     */
    public record Drift(Weakening weakening, String resource) {}

    /**
     * Records this region's baseline; returns {@code {region, recorded, keptHealthier, failed[], drift[]}}, each drift
     * a resource found weakened where a healthy configuration was recorded ({@link #drifted}).
     */
    public ObjectNode record() {
        Instant now = Instant.now();
        ObjectNode summary = Json.object().put("region", region).put("recorded", 0).put("keptHealthier", 0);
        ArrayNode failed = summary.putArray("failed");
        summary.putArray("drift");
        attempt(summary, "trails", () -> trails(summary, now));
        attempt(summary, "detectors", () -> detectors(summary, now));
        attempt(summary, ModelInvocationLogging.RESOURCE, () -> modelLogging(summary, now));
        for (String function : own.functionNames()) {
            attempt(summary, function, () -> function(summary, function, now));
        }
        for (String rule : own.ruleNames()) {
            attempt(summary, rule, () -> rule(summary, rule, now));
        }
        LOG.info("baseline recorded").with("region", region).with("recorded", summary.path("recorded").asInt())
                .with("failed", failed.size()).log();
        return summary;
    }

    private void trails(ObjectNode summary, Instant now) {
        var cloudTrail = TrailConfiguration.client(clients, region);
        for (Trail trail : cloudTrail.describeTrails(r -> r.includeShadowTrails(false)).trailList()) {
            if (region.equals(trail.homeRegion())) {
                ObjectNode configuration = TrailConfiguration.read(cloudTrail, trail);
                store(summary, Tampering.baselineKey("trail", region, trail.name()), configuration,
                        TrailConfiguration.healthy(configuration), now, new Drift(configuration.path("isLogging")
                                .asBoolean() ? Weakening.EVENT_SELECTORS_NARROWED : Weakening.TRAIL_STOPPED, trail.name()));
            }
        }
    }

    private void detectors(ObjectNode summary, Instant now) {
        var guardDuty = DetectorConfiguration.client(clients, region);
        for (String detectorId : guardDuty.listDetectorsPaginator(r -> { }).detectorIds()) {
            ObjectNode configuration = DetectorConfiguration.read(guardDuty, region, detectorId);
            store(summary, Tampering.baselineKey("detector", region, detectorId), configuration,
                    DetectorConfiguration.healthy(configuration), now, new Drift(Weakening.DETECTOR_DISABLED, detectorId));
        }
    }

    // Bedrock's one logging configuration of this region; "healthy" when it delivers somewhere.
    private void modelLogging(ObjectNode summary, Instant now) {
        ObjectNode configuration = ModelInvocationLogging.read(ModelInvocationLogging.client(clients, region), region);
        store(summary, Tampering.baselineKey("bedrock", region, ModelInvocationLogging.RESOURCE), configuration,
                ModelInvocationLogging.healthy(configuration), now,
                new Drift(Weakening.MODEL_LOGGING_DELETED, ModelInvocationLogging.RESOURCE));
    }

    private void function(ObjectNode summary, String name, Instant now) {
        Integer reserved;
        try {
            reserved = LambdaClients.lambda(clients, region).getFunctionConcurrency(r -> r.functionName(name))
                    .reservedConcurrentExecutions();
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            return;
        }
        ObjectNode configuration = Json.object().put("functionName", name);
        configuration.put("reservedConcurrentExecutions", reserved);
        store(summary, Tampering.baselineKey("own", region, own.functionArn(name)), configuration,
                reserved != null && reserved > 0, now, new Drift(Weakening.OWN_FUNCTION_CONCURRENCY, own.functionArn(name)));
    }

    // NAME on the default bus, BUS/NAME on another.
    private void rule(ObjectNode summary, String rule, Instant now) {
        String bus = OwnRules.bus(own.ruleArn(rule));
        String name = OwnRules.name(own.ruleArn(rule));
        var events = LambdaClients.events(clients, region);
        DescribeRuleResponse described;
        try {
            described = events.describeRule(r -> r.name(name).eventBusName(bus));
        } catch (ResourceNotFoundException e) {
            return;
        }
        ObjectNode configuration = Json.object().put("name", name).put("eventBusName", bus)
                .put("state", described.stateAsString());
        configuration.set("targets", RuleTargets.toJson(events.listTargetsByRule(r -> r.rule(name).eventBusName(bus))
                .targets()));
        store(summary, Tampering.baselineKey("own", region, own.ruleArn(rule)), configuration,
                described.state() == RuleState.ENABLED, now, new Drift(Weakening.OWN_RULE_DISABLED, own.ruleArn(rule)));
    }

    private void store(ObjectNode summary, String key, JsonNode configuration, boolean healthy, Instant now,
                       Drift ifWeakened) {
        boolean written = baselines.get().record(key, configuration, healthy, now);
        String counter = written ? "recorded" : "keptHealthier";
        summary.put(counter, summary.path(counter).asInt() + 1);
        if (!written) {
            ((ArrayNode) summary.path("drift")).addObject().put("weakening", ifWeakened.weakening().name())
                    .put("resource", ifWeakened.resource());
            LOG.warn("baseline kept").with("resource_arn", key)
                    .with("reason", "found weakened; the healthier configuration recorded before is kept").log();
        }
    }

    /** The drift a {@link #record()} summary names. */
    public static List<Drift> drifted(JsonNode summary) {
        List<Drift> drift = new java.util.ArrayList<>();
        summary.path("drift").forEach(d -> drift.add(new Drift(Weakening.valueOf(d.path("weakening").asText()),
                d.path("resource").asText())));
        return drift;
    }

    private static void attempt(ObjectNode summary, String what, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(e);
            ((ArrayNode) summary.path("failed")).addObject().put("resource", what).put("reason", failure.message());
            LOG.warn("baseline read failed").with("resource_arn", what).with("reason", failure.message()).log();
        }
    }
}
