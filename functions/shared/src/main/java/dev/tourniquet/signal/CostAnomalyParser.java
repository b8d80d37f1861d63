package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads AWS Cost Anomaly Detection's {@code Anomaly Detected} events ({@code source aws.ce}) into a {@link SpendBrake}:
 * {@code detail{anomalyId, anomalyStartDate, anomalyEndDate, anomalyScore, impact{totalImpact, …}, dimensionValue,
 * rootCauses[]{service, region, linkedAccount, usageType, impact{contribution}}, anomalyDetailsLink}}. Each root cause
 * naming Lambda or EC2 becomes a scope (its region, or every enabled region when it names none or {@code global});
 * with no root cause, the monitor's dimension (a service monitor's service) is used. A root cause of another linked
 * account is alerted on, never checked here: this account's history holds none of its calls.
 *
 * <p>Look-back: from the day before the anomaly's first day (Cost Explorer dates anomalies by day; the call that started
 * the spend may be late on the eve), at most {@link #MAX_LOOK_BACK} before the event, since Cost Explorer runs up to 24
 * hours behind the usage it prices.
 *
 * @see <a href="https://docs.aws.amazon.com/cost-management/latest/userguide/cad-eventbridge.html">Cost Anomaly
 *     Detection and EventBridge</a>
 */
final class CostAnomalyParser {
    static final Duration MAX_LOOK_BACK = Duration.ofHours(48);
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    ParseResult parse(Envelope envelope) {
        JsonNode detail = envelope.detail();
        Optional<String> anomaly = Json.text(detail, "/anomalyId");
        if (anomaly.isEmpty()) {
            return new ParseResult.Rejected("the Anomaly Detected event has no detail.anomalyId");
        }
        String account = envelope.account();
        Set<SpendBrake.Scope> scopes = new LinkedHashSet<>();
        List<String> causes = new ArrayList<>();
        Json.text(detail, "/impact/totalImpact").ifPresent(total -> causes.add("total impact $" + total
                + Json.text(detail, "/impact/totalImpactPercentage").map(p -> " (" + p + "% above expected)").orElse("")));
        for (JsonNode cause : detail.path("rootCauses")) {
            String service = Json.text(cause, "/service").orElse("");
            Optional<String> region = Json.text(cause, "/region").filter(r -> REGION.matcher(r).matches());
            Optional<String> linked = Json.text(cause, "/linkedAccount");
            boolean elsewhere = linked.filter(a -> !a.equals(account)).isPresent();
            causes.add(describe(cause) + (elsewhere ? " (another account: not checked here)" : ""));
            if (!elsewhere) {
                SpendService.ofCostExplorerName(service).ifPresent(s -> scopes.add(new SpendBrake.Scope(s, region)));
            }
        }
        if (detail.path("rootCauses").isEmpty()) {
            Json.text(detail, "/dimensionValue").flatMap(SpendService::ofCostExplorerName)
                    .ifPresent(s -> scopes.add(new SpendBrake.Scope(s, Optional.empty())));
            causes.add("no root cause given; monitor dimension " + Json.text(detail, "/dimensionValue").orElse("(none)"));
        }
        return new ParseResult.Brake(new SpendBrake(envelope.origin(), SpendBrake.Kind.COST_ANOMALY, anomaly.get(),
                List.copyOf(scopes), from(detail, envelope.time()), causes, Json.text(detail, "/anomalyDetailsLink")));
    }

    static Instant from(JsonNode detail, Instant time) {
        Instant earliest = time.minus(MAX_LOOK_BACK);
        return Json.text(detail, "/anomalyStartDate").flatMap(CostAnomalyParser::day)
                .map(day -> day.minus(1, ChronoUnit.DAYS)).filter(d -> d.isAfter(earliest)).orElse(earliest);
    }

    // "2021-05-25T00:00:00Z" or "2021-05-25" (the API's pattern allows both).
    private static Optional<Instant> day(String text) {
        return Envelope.instant(text.length() == 10 ? text + "T00:00:00Z" : text);
    }

    private static String describe(JsonNode cause) {
        return String.join(", ", java.util.stream.Stream.of("service", "region", "usageType", "linkedAccount")
                .flatMap(f -> Json.text(cause, "/" + f).map(v -> f + " " + v).stream()).toList())
                + Json.text(cause, "/impact/contribution").map(c -> ", contribution $" + c).orElse("");
    }
}
