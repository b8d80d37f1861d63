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

/**
 * The heartbeat: proves that the whole path Tourniquet depends on works — the trail logs, CloudTrail delivers to
 * EventBridge, the rules match, a function runs — and says so with a metric whose absence raises an alarm.
 *
 * <p>On its schedule it makes one harmless write: it tags its own schedule rule (exact ARN) with the time
 * ({@code tourniquet:heartbeat}), and reports whether the stack's termination protection is on. When the CloudTrail
 * record of that write comes back through the template's rule, it puts {@code HeartbeatReturned}; a record of anyone
 * else's write, or of a write on anything else, is not counted ({@link HeartbeatReturn}). It never acts on anything
 * but its own rule's tag and its own metrics, in plan mode as in enforce mode.
 */
public final class Heartbeat implements FunctionFlow {
    public static final String TAG_KEY = "tourniquet:heartbeat";
    private static final StructuredLog LOG = StructuredLog.of(Heartbeat.class);
    private static final String HANDLER = "heartbeat";

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
        calls.putMetrics(HeartbeatCalls.Metric.count("HeartbeatSent", 1, now),
                HeartbeatCalls.Metric.count("TerminationProtectionEnabled", protectedStack ? 1 : 0, now));
        LOG.info("heartbeat sent").with("resource_arn", settings.ruleArn()).with("stack", settings.stack())
                .with("termination_protection", protectedStack).log();
        if (!protectedStack) {
            LOG.warn("termination protection is off").with("stack", settings.stack()).log();
        }
        return Json.object().put("status", "sent").put("tagged", settings.ruleArn())
                .put("terminationProtection", protectedStack);
    }

    private ObjectNode returned(HeartbeatReturn.Counted counted) {
        Instant now = clock.instant();
        double delay = Math.max(0, Duration.between(counted.calledAt(), now).toMillis() / 1000.0);
        calls.putMetrics(HeartbeatCalls.Metric.count("HeartbeatReturned", 1, now),
                HeartbeatCalls.Metric.seconds("HeartbeatDelay", delay, now));
        LOG.info("heartbeat returned").with("event_id", counted.eventId()).with("delay_seconds", delay).log();
        return Json.object().put("status", "returned").put("delaySeconds", delay);
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
            return plan;
        }
        if (isCloudTrailRecord(event) && HeartbeatReturn.judge(event, settings) instanceof HeartbeatReturn.Counted) {
            plan.put("decision", "heartbeat_returned").put("rationale", "its own write came back through CloudTrail")
                    .putArray("steps").addObject().put("action", "put-metric").put("target", "HeartbeatReturned");
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
