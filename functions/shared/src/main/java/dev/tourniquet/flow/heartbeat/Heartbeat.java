package dev.tourniquet.flow.heartbeat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.flow.FunctionFlow;
import dev.tourniquet.flow.IncidentFailedException;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.signal.Delivery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The heartbeat: proves that the whole path Tourniquet depends on works — the trail logs, CloudTrail delivers to
 * EventBridge, the rules match, a function runs — and says so with a metric whose absence raises an alarm.
 *
 * <p>On its schedule it makes one harmless write: it tags its own schedule rule (exact ARN) with the time
 * ({@code tourniquet:heartbeat}), and reports whether the stack's termination protection is on. When the CloudTrail
 * record of that write comes back through the template's rule, it puts {@code HeartbeatReturned}; a record of anyone
 * else's write, or of a write on anything else, is not counted ({@link HeartbeatReturn}). It never acts on anything
 * but its own rules' tags and its own metrics, in plan mode as in enforce mode.
 *
 * <p>Every other enabled region has a forwarder (forwarder.yaml) whose rule {@code tourniquet-forward-heartbeat} the
 * heartbeat tags the same way; that region's CloudTrail record of the write matches the forwarder's rule and comes
 * home, where it puts {@code RegionHeartbeatReturned} for that region. Each beat counts the enabled regions whose
 * heartbeat did not come back in the last {@link #SILENCE} (or that have no forwarder at all) and puts
 * {@code SilentRegions}, which an alarm watches: a region Tourniquet cannot see is reported, never assumed quiet.
 */
public final class Heartbeat implements FunctionFlow {
    public static final String TAG_KEY = "tourniquet:heartbeat";
    private static final StructuredLog LOG = StructuredLog.of(Heartbeat.class);
    private static final String HANDLER = "heartbeat";
    /** How long a region may go without a returned heartbeat (CloudTrail delivers within minutes; beats are 5 apart). */
    static final Duration SILENCE = Duration.ofMinutes(30);

    private final HeartbeatSettings settings;
    private final HeartbeatCalls calls;
    private final Clock clock;

    public Heartbeat(HeartbeatSettings settings, HeartbeatCalls calls, Clock clock) {
        this.settings = settings;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public ObjectNode handle(Delivery delivery) {
        JsonNode event = delivery.raw();
        try {
            if (isOwnSchedule(event)) {
                return beat();
            }
            if (isCloudTrailRecord(event)) {
                return switch (HeartbeatReturn.judge(event, settings)) {
                    case HeartbeatReturn.Counted counted -> returned(counted);
                    case HeartbeatReturn.NotCounted not -> nothingToDo(delivery.eventId(), not.reason());
                };
            }
        } catch (RuntimeException e) {
            // Throttling or an outage: Lambda retries the delivery; the alarm tells if it never comes.
            throw new IncidentFailedException("heartbeat " + delivery.eventId(), Failure.classify(e));
        }
        return nothingToDo(delivery.eventId(), "neither the heartbeat's schedule nor a CloudTrail record");
    }

    private ObjectNode beat() {
        Instant now = clock.instant();
        calls.tagOwnRule(settings.ruleArn(), TAG_KEY, now.toString());
        boolean protectedStack = calls.terminationProtected(settings.stack());
        List<String> silent = regionsBeat(now);
        calls.putMetrics(HeartbeatCalls.Metric.count("HeartbeatSent", 1, now),
                HeartbeatCalls.Metric.count("TerminationProtectionEnabled", protectedStack ? 1 : 0, now),
                HeartbeatCalls.Metric.count("SilentRegions", silent.size(), now));
        LOG.info("heartbeat sent").with("resource_arn", settings.ruleArn()).with("stack", settings.stack())
                .with("termination_protection", protectedStack).with("silent_regions", String.join(",", silent)).log();
        if (!protectedStack) {
            LOG.warn("termination protection is off").with("stack", settings.stack()).log();
        }
        if (!silent.isEmpty()) {
            LOG.warn("regions silent").with("silent_regions", String.join(",", silent)).log();
        }
        ObjectNode answer = Json.object().put("status", "sent").put("tagged", settings.ruleArn())
                .put("terminationProtection", protectedStack);
        silent.forEach(answer.putArray("silentRegions")::add);
        return answer;
    }

    // Tags every other enabled region's forwarder rule; returns the regions without a forwarder or whose heartbeat has
    // not come back for SILENCE.
    private List<String> regionsBeat(Instant now) {
        List<String> others = calls.enabledRegions().stream().filter(r -> !r.equals(settings.region())).toList();
        List<String> silent = new ArrayList<>();
        for (String region : others) {
            if (!calls.tagForwarderRule(region, settings.forwarderRuleArn(region), TAG_KEY, now.toString())) {
                silent.add(region + " (no forwarder)");
            }
        }
        // GetMetricData's end time is exclusive (and whole seconds): a heartbeat counted in this very second would be
        // missed and its region reported silent for one beat; a minute past now takes it in.
        calls.regionHeartbeats(others, now.minus(SILENCE), now.plus(Duration.ofMinutes(1))).forEach((region, returned) -> {
            if (returned < 1 && silent.stream().noneMatch(s -> s.startsWith(region + " "))) {
                silent.add(region);
            }
        });
        silent.sort(null);
        return silent;
    }

    private ObjectNode returned(HeartbeatReturn.Counted counted) {
        Instant now = clock.instant();
        double delay = Math.max(0, Duration.between(counted.calledAt(), now).toMillis() / 1000.0);
        if (counted.forwarded()) {
            calls.putMetrics(HeartbeatCalls.Metric.count(HeartbeatCalls.REGION_METRIC, 1, now).in(counted.region()),
                    HeartbeatCalls.Metric.seconds("HeartbeatDelay", delay, now).in(counted.region()));
        } else {
            calls.putMetrics(HeartbeatCalls.Metric.count("HeartbeatReturned", 1, now),
                    HeartbeatCalls.Metric.seconds("HeartbeatDelay", delay, now));
        }
        LOG.info("heartbeat returned").with("event_id", counted.eventId()).with("region", counted.region())
                .with("delay_seconds", delay).log();
        return Json.object().put("status", "returned").put("region", counted.region()).put("delaySeconds", delay);
    }

    private boolean isOwnSchedule(JsonNode event) {
        if (!"aws.events".equals(event.path("source").asText())
                || !"Scheduled Event".equals(event.path("detail-type").asText())) {
            return false;
        }
        for (JsonNode resource : event.path("resources")) {
            if (settings.ruleArn().equals(resource.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCloudTrailRecord(JsonNode event) {
        return "AWS API Call via CloudTrail".equals(event.path("detail-type").asText());
    }

    private static ObjectNode nothingToDo(String eventId, String reason) {
        LOG.info("not counted").with("event_id", eventId).with("reason", reason).log();
        return Json.object().put("status", "nothing_to_do").put("reason", reason);
    }

    @Override
    public ObjectNode planOffline(Delivery delivery) {
        ObjectNode plan = Json.object().put("handler", HANDLER);
        JsonNode event = delivery.raw();
        if (isOwnSchedule(event)) {
            plan.put("decision", "heartbeat").put("rationale", "the schedule: one harmless write, read back from"
                    + " CloudTrail").putArray("steps").addObject().put("action", "tag-own-rule")
                    .put("target", settings.ruleArn());
            plan.withArray("steps").addObject().put("action", "report-termination-protection").put("target", settings.stack());
            plan.withArray("steps").addObject().put("action", "tag-forwarder-rules")
                    .put("target", settings.forwarderRuleArn("*") + " (every other enabled region)");
            plan.withArray("steps").addObject().put("action", "report-silent-regions").put("target", "SilentRegions");
            return plan;
        }
        if (isCloudTrailRecord(event) && HeartbeatReturn.judge(event, settings) instanceof HeartbeatReturn.Counted c) {
            plan.put("decision", "heartbeat_returned").put("rationale", "its own write came back through CloudTrail")
                    .putArray("steps").addObject().put("action", "put-metric")
                    .put("target", c.forwarded() ? HeartbeatCalls.REGION_METRIC : "HeartbeatReturned");
            return plan;
        }
        plan.put("decision", "record_only").put("rationale", "not the heartbeat's own write").putArray("steps");
        return plan;
    }

    @Override
    public void primeClients() {
        calls.prime();
    }
}
