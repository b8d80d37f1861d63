package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's template: every function has reserved concurrency, the provenance intake and the heartbeat have their
 * own minimal policies, the heartbeat and termination-protection alarms publish to the region's alarm topic, and the
 * optional trail logs what EventBridge needs. (YAML tags are read as their text: {@code !Ref X} is "X".)
 */
class DefenderTemplateTest {
    private static final TemplateRules TEMPLATE = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml"));

    private static JsonNode resource(String name) {
        return TEMPLATE.resources().path(name);
    }

    @Test
    void everyFunction_hasReservedConcurrency_fromTheParameter_noneWhenZero() {
        JsonNode global = TEMPLATE.functionGlobals().path("ReservedConcurrentExecutions");
        assertThat(global.toString()).isEqualTo("[\"ReservesConcurrency\",\"ReservedConcurrency\",\"AWS::NoValue\"]");
        assertThat(TEMPLATE.resources().path("ReservedConcurrency").isMissingNode()).isTrue();
        assertThat(TEMPLATE.functions()).hasSizeGreaterThanOrEqualTo(5).allSatisfy(function -> {
            JsonNode own = resource(function).path("Properties").path("ReservedConcurrentExecutions");
            assertThat(own.isMissingNode() ? global : own).as(function).isEqualTo(global);
        });
    }

    @Test
    void reservedConcurrency_defaultsSmall_andZeroMeansNoReservation() throws Exception {
        JsonNode template = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(ProjectRoot.locate().resolve("template.yaml").toFile());
        JsonNode parameter = template.at("/Parameters/ReservedConcurrency");
        assertThat(parameter.path("Default").asInt()).isBetween(1, 10);
        assertThat(parameter.path("MinValue").asInt()).isZero();
        assertThat(template.at("/Conditions/ReservesConcurrency").toString()).contains("ReservedConcurrency", "0");
        assertThat(template.at("/Parameters/CreateTrail/Default").asText()).isEqualTo("false");
    }

    @Test
    void recordProvenance_isGrantedOnlyWhatItCalls() {
        LeastPrivilege policy = new LeastPrivilege(TEMPLATE, "RecordProvenanceFunction");
        assertThat(policy.granted()).containsExactlyInAnyOrderElementsOf(
                dev.tourniquet.flow.ProvenanceRecorder.PERMISSIONS);
        assertThat(resource("RecordProvenanceFunction").at("/Properties/FunctionName").asText())
                .isEqualTo("tourniquet-record-provenance");
    }

    @Test
    void heartbeat_isGrantedOnlyItsOwnRuleStackAndMetrics() {
        LeastPrivilege policy = new LeastPrivilege(TEMPLATE, "HeartbeatFunction");
        assertThat(policy.granted()).containsExactlyInAnyOrderElementsOf(
                dev.tourniquet.flow.heartbeat.HeartbeatCalls.PERMISSIONS);
        Set<String> resources = new TreeSet<>();
        for (JsonNode statement : resource("HeartbeatFunction").at("/Properties/Policies/0/Statement")) {
            resources.add(statement.path("Action").toString().replace("\"", "") + " "
                    + statement.path("Resource").asText());
        }
        // The forwarders' heartbeat rule by its exact name (any region: each enabled region has one).
        assertThat(resources).containsExactlyInAnyOrder(
                "events:TagResource arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/tourniquet-heartbeat",
                "events:TagResource arn:${AWS::Partition}:events:*:${AWS::AccountId}:rule/tourniquet-forward-heartbeat",
                "cloudformation:DescribeStacks AWS::StackId",
                "cloudwatch:PutMetricData *",
                "[ec2:DescribeRegions,cloudwatch:GetMetricData] *");
        assertThat(resource("HeartbeatFunction").toString()).contains("\"cloudwatch:namespace\":\"Tourniquet\"");
        assertThat(resource("HeartbeatFunction").at("/Properties/Environment/Variables/HEARTBEAT_ROLE_ARN").asText())
                .isEqualTo("HeartbeatFunctionRole.Arn");
        assertThat(resource("HeartbeatFunction").at("/Properties/Environment/Variables/STACK_ID").asText())
                .isEqualTo("AWS::StackId");
    }

    @Test
    void silentRegionsAlarm_firesOnOneSilentRegion_toTheAlarmTopic() {
        JsonNode alarm = resource("SilentRegionsAlarm");
        assertThat(alarm.at("/Properties/Namespace").asText()).isEqualTo("Tourniquet");
        assertThat(alarm.at("/Properties/MetricName").asText()).isEqualTo("SilentRegions");
        assertThat(alarm.at("/Properties/Statistic").asText()).isEqualTo("Maximum");
        assertThat(alarm.at("/Properties/ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.at("/Properties/Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.at("/Properties/AlarmActions/0").asText()).isEqualTo("AlarmTopic");
    }

    @Test
    void heartbeatAlarm_breachesOnMissingData_toTheAlarmTopic_inEveryRegion() {
        JsonNode alarm = resource("HeartbeatAlarm");
        assertThat(alarm.has("Condition")).isFalse();
        assertThat(alarm.at("/Properties/Namespace").asText()).isEqualTo("Tourniquet");
        assertThat(alarm.at("/Properties/MetricName").asText()).isEqualTo("HeartbeatReturned");
        assertThat(alarm.at("/Properties/ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(alarm.at("/Properties/Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.at("/Properties/TreatMissingData").asText()).isEqualTo("breaching");
        assertThat(alarm.at("/Properties/AlarmActions/0").asText()).isEqualTo("AlarmTopic");
        // The alarm's window outlasts several beats (every 5 minutes) and CloudTrail's usual delivery delay.
        assertThat(alarm.at("/Properties/Period").asInt() * alarm.at("/Properties/EvaluationPeriods").asInt())
                .isGreaterThanOrEqualTo(1800);
    }

    @Test
    void terminationProtectionAlarm_firesWhenTheHeartbeatReportsItOff() {
        JsonNode alarm = resource("TerminationProtectionAlarm");
        assertThat(alarm.at("/Properties/MetricName").asText()).isEqualTo("TerminationProtectionEnabled");
        assertThat(alarm.at("/Properties/Statistic").asText()).isEqualTo("Minimum");
        assertThat(alarm.at("/Properties/ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        assertThat(alarm.at("/Properties/AlarmActions/0").asText()).isEqualTo("AlarmTopic");
    }

    @Test
    void ownTrail_onlyWhenAsked_inThePrimaryRegion_logsWhatEventBridgeNeeds() {
        JsonNode trail = resource("Trail");
        assertThat(trail.path("Condition").asText()).isEqualTo("CreatesTrail");
        assertThat(trail.at("/Properties/IsMultiRegionTrail").asBoolean()).isTrue();
        assertThat(trail.at("/Properties/IncludeGlobalServiceEvents").asBoolean()).isTrue();
        assertThat(trail.at("/Properties/EnableLogFileValidation").asBoolean()).isTrue();
        assertThat(trail.at("/Properties/IsLogging").asBoolean()).isTrue();
        assertThat(trail.at("/Properties/EventSelectors/0/ReadWriteType").asText()).isEqualTo("WriteOnly");
        assertThat(trail.at("/Properties/EventSelectors/0/IncludeManagementEvents").asBoolean()).isTrue();
        assertThat(trail.path("DependsOn").asText()).isEqualTo("TrailBucketPolicy");
        List<String> sids = resource("TrailBucketPolicy").at("/Properties/PolicyDocument/Statement").findValuesAsText("Sid");
        assertThat(sids).containsExactly("CloudTrailAclCheck", "CloudTrailWrite", "DenyInsecureTransport");
        assertThat(resource("TrailBucket").path("Condition").asText()).isEqualTo("CreatesTrail");
        assertThat(resource("TrailBucket").at("/Properties/PublicAccessBlockConfiguration/RestrictPublicBuckets")
                .asBoolean()).isTrue();
    }
}
