package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cost anomaly and usage alarm samples read into spend brakes ({@link CostAnomalyParser}, {@link UsageAlarmParser}). */
class SpendBrakeParserTest {
    private final SignalParser parser = new SignalParser();

    private SpendBrake brake(ObjectNode event) {
        return ((ParseResult.Brake) parser.parse(event)).brake();
    }

    @Test
    void parse_anomaly_scopesEachJudgedRootCauseInItsRegion_andKeepsWhatItSays() {
        SpendBrake brake = brake(Samples.load("ce-anomaly-detected.json"));

        assertThat(brake.kind()).isEqualTo(SpendBrake.Kind.COST_ANOMALY);
        assertThat(brake.name()).isEqualTo("b7d1c9e2-4f3a-4b8c-9d0e-6a5f4e3d2c1b");
        assertThat(brake.scopes()).containsExactly(
                new SpendBrake.Scope(SpendService.LAMBDA, Optional.of("us-west-2")),
                new SpendBrake.Scope(SpendService.EC2, Optional.of("ap-southeast-1")));
        // The day before the anomaly's first day (2026-11-20), within 48 h of the event (2026-11-21T06:12:44Z).
        assertThat(brake.from()).isEqualTo(Instant.parse("2026-11-19T06:12:44Z"));
        assertThat(brake.causes()).anySatisfy(c -> assertThat(c).contains("total impact $412.37"))
                .anySatisfy(c -> assertThat(c).contains("AWS Lambda", "us-west-2", "USW2-Lambda-GB-Second-ARM"));
        assertThat(brake.link()).hasValueSatisfying(l -> assertThat(l).startsWith("https://console.aws.amazon.com/"));
    }

    @Test
    void parse_anomalyOfToday_readsFromTheDayBefore() {
        ObjectNode event = Samples.load("ce-anomaly-detected.json");
        ((ObjectNode) event.path("detail")).put("anomalyStartDate", "2026-11-21");

        assertThat(brake(event).from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void parse_anomalyWithoutRegionOrOfAnotherAccountOrService_scopesOnlyWhatThisAccountsHistoryHolds() {
        ObjectNode event = Samples.load("ce-anomaly-detected.json");
        ObjectNode lambda = (ObjectNode) event.at("/detail/rootCauses/0");
        lambda.put("region", "global");
        ObjectNode ec2 = (ObjectNode) event.at("/detail/rootCauses/1");
        ec2.put("linkedAccount", "210987654321");
        ((com.fasterxml.jackson.databind.node.ArrayNode) event.at("/detail/rootCauses")).addObject()
                .put("service", "Amazon Relational Database Service").put("region", "us-east-1");

        SpendBrake brake = brake(event);

        assertThat(brake.scopes()).containsExactly(new SpendBrake.Scope(SpendService.LAMBDA, Optional.empty()));
        assertThat(brake.causes()).anySatisfy(c -> assertThat(c).contains("another account: not checked here"))
                .anySatisfy(c -> assertThat(c).contains("Amazon Relational Database Service"));
    }

    @Test
    void parse_anomalyWithoutRootCauses_usesTheMonitorsService_andWithoutId_isRejected() {
        ObjectNode event = Samples.load("ce-anomaly-detected.json");
        ((ObjectNode) event.path("detail")).remove("rootCauses");
        ObjectNode unnamed = Samples.load("ce-anomaly-detected.json");
        ((ObjectNode) unnamed.path("detail")).remove("anomalyId");

        assertThat(brake(event).scopes()).containsExactly(new SpendBrake.Scope(SpendService.LAMBDA, Optional.empty()));
        assertThat(parser.parse(unnamed)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void parse_usageAlarms_scopeTheirServiceInTheAlarmsRegion() {
        SpendBrake lambda = brake(Samples.load("cloudwatch-alarm-lambda-concurrency.json"));
        SpendBrake vcpus = brake(Samples.load("cloudwatch-alarm-ec2-vcpus.json"));

        assertThat(lambda.kind()).isEqualTo(SpendBrake.Kind.USAGE_ALARM);
        assertThat(lambda.scopes()).containsExactly(new SpendBrake.Scope(SpendService.LAMBDA, Optional.of("us-west-2")));
        assertThat(lambda.from()).isEqualTo(Instant.parse("2026-11-19T03:14:40Z"));
        assertThat(lambda.causes()).singleElement().asString().contains("tourniquet-lambda-concurrency", "250.0");
        assertThat(vcpus.scopes()).containsExactly(new SpendBrake.Scope(SpendService.EC2, Optional.of("ap-southeast-1")));
    }

    @Test
    void parse_alarmBackToOk_orOnAnotherMetric_isIgnored() {
        ObjectNode other = Samples.load("cloudwatch-alarm-lambda-concurrency.json");
        ((ObjectNode) other.at("/detail/configuration/metrics/0/metricStat/metric")).put("namespace", "AWS/EC2");

        assertThat(parser.parse(Samples.load("cloudwatch-alarm-lambda-concurrency-ok.json")))
                .isInstanceOf(ParseResult.Ignored.class);
        assertThat(parser.parse(other)).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void services_splitTheSpendingEventsBetweenThem() {
        Set<String> all = new HashSet<>();
        for (SpendService service : SpendService.values()) {
            all.addAll(service.eventNames());
        }
        assertThat(all).isEqualTo(SpendShape.SPENDING_EVENTS);
    }

    @Test
    void costAnomaly_onBedrock_isABedrockScopeInItsRegion() {
        ObjectNode event = Samples.load("ce-anomaly-detected.json");
        ObjectNode cause = (ObjectNode) event.path("detail").path("rootCauses").get(0);
        cause.put("service", "Amazon Bedrock").put("region", "eu-north-1");

        SpendBrake brake = brake(event);

        assertThat(brake.scopes()).contains(new SpendBrake.Scope(SpendService.BEDROCK, Optional.of("eu-north-1")));
    }
}
