package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code CloudWatch Alarm State Change} events ({@code source aws.cloudwatch}) of the stack's usage alarms into a
 * {@link SpendBrake} for the alarm's own region (the envelope's: an event forwarded from another region keeps it):
 * {@code detail{alarmName, state{value, reason}, previousState{value}, configuration{metrics[]{metricStat{metric{
 * namespace, name, dimensions}}}}}}. The service comes from the alarm's metrics: {@code AWS/Lambda} is Lambda,
 * {@code AWS/Usage} with {@code Service=EC2} is EC2. Only a change into ALARM brakes: back to OK (or to
 * INSUFFICIENT_DATA) is ignored, as is an alarm on metrics the footprint does not judge.
 *
 * <p>Look-back: {@link #LOOK_BACK}, the recent history in which the calls that raised the usage were made.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html">Alarm
 *     events and EventBridge</a>
 */
final class UsageAlarmParser {
    static final Duration LOOK_BACK = Duration.ofHours(24);
    static final String ALARM = "ALARM";

    ParseResult parse(Envelope envelope) {
        JsonNode detail = envelope.detail();
        Optional<String> name = Json.text(detail, "/alarmName");
        Optional<String> state = Json.text(detail, "/state/value");
        if (name.isEmpty() || state.isEmpty()) {
            return new ParseResult.Rejected("the alarm state change has no detail.alarmName or detail.state.value");
        }
        String previous = Json.text(detail, "/previousState/value").orElse("");
        if (!ALARM.equals(state.get()) || ALARM.equals(previous)) {
            return new ParseResult.Ignored("alarm " + name.get() + " went " + previous + " -> " + state.get()
                    + ": only a change into ALARM brakes");
        }
        Set<SpendService> services = new LinkedHashSet<>();
        for (JsonNode metric : detail.at("/configuration/metrics")) {
            service(metric.at("/metricStat/metric")).ifPresent(services::add);
        }
        if (services.isEmpty()) {
            return new ParseResult.Ignored("alarm " + name.get() + " watches no metric the footprint judges"
                    + " (AWS/Lambda, or AWS/Usage of EC2)");
        }
        List<SpendBrake.Scope> scopes = services.stream()
                .map(s -> new SpendBrake.Scope(s, Optional.of(envelope.region()))).toList();
        List<String> causes = List.of("alarm " + name.get() + " in " + envelope.region() + ": "
                + Json.text(detail, "/state/reason").orElse("(no reason given)"));
        return new ParseResult.Brake(new SpendBrake(envelope.origin(), SpendBrake.Kind.USAGE_ALARM, name.get(), scopes,
                envelope.time().minus(LOOK_BACK), causes, Optional.empty()));
    }

    private static Optional<SpendService> service(JsonNode metric) {
        String namespace = Json.text(metric, "/namespace").orElse("");
        if ("AWS/Lambda".equals(namespace)) {
            return Optional.of(SpendService.LAMBDA);
        }
        return "AWS/Usage".equals(namespace) && "EC2".equals(Json.text(metric, "/dimensions/Service").orElse(""))
                ? Optional.of(SpendService.EC2) : Optional.empty();
    }
}
