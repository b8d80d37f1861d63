package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules of issue 13's provenance intake, late records and heartbeat, read from {@code template.yaml} and
 * matched by event-ruler: named positive and negative cases beside {@link RulePatternTest}'s samples.
 */
class DefenderRulePatternTest {
    private static final TemplateRules TEMPLATE = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml"));
    private static final EventRouter ROUTER = new EventRouter(TEMPLATE);
    private static final String HEARTBEAT_RULE = "arn:aws:events:us-east-1:123456789012:rule/tourniquet-heartbeat";

    private static Set<String> matched(JsonNode event) {
        String bus = "tourniquet".equals(event.path("source").asText()) ? "tourniquet" : "default";
        return ROUTER.route(event, bus).stream().map(r -> r.function() + "/" + r.name()).collect(Collectors.toSet());
    }

    private static ObjectNode sample(String name) {
        return (ObjectNode) EventFiles.read(ProjectRoot.locate().resolve("events").resolve(name));
    }

    private static ObjectNode heartbeatRecord() {
        return sample("cloudtrail-events-tag-resource-heartbeat.json");
    }

    private static ObjectNode requestParameters(ObjectNode event) {
        return (ObjectNode) event.path("detail").path("requestParameters");
    }

    @Test
    void heartbeatRecord_onItsOwnRule_reachesTheHeartbeatOnly() {
        assertThat(matched(heartbeatRecord())).containsExactly("HeartbeatFunction/HeartbeatReturned");
    }

    @Test
    void heartbeatRecord_ofTheRuleInAnotherRegion_reachesThatRegionsHeartbeat() {
        ObjectNode event = heartbeatRecord();
        event.put("region", "eu-west-1");
        ((ObjectNode) event.path("detail")).put("awsRegion", "eu-west-1");
        requestParameters(event).put("resourceARN", HEARTBEAT_RULE.replace("us-east-1", "eu-west-1"));
        assertThat(matched(event)).containsExactly("HeartbeatFunction/HeartbeatReturned");
    }

    @Test
    void tagResource_onAnotherRule_reachesNoRule() {
        ObjectNode event = heartbeatRecord();
        requestParameters(event).put("resourceARN", "arn:aws:events:us-east-1:123456789012:rule/nightly-jobs");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void tagResource_onARuleOfTheSameNameOnAnotherBus_reachesNoRule() {
        ObjectNode event = heartbeatRecord();
        requestParameters(event).put("resourceARN",
                "arn:aws:events:us-east-1:123456789012:rule/attacker-bus/tourniquet-heartbeat");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void tagResource_onTheSameRuleNameInAnotherAccount_reachesNoRule() {
        ObjectNode event = heartbeatRecord();
        requestParameters(event).put("resourceARN", HEARTBEAT_RULE.replace("123456789012", "210987654321"));
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void untagResource_ofTheHeartbeatRule_reachesNoRule() {
        ObjectNode event = heartbeatRecord();
        ((ObjectNode) event.path("detail")).put("eventName", "UntagResource");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void tagResourceOfAnotherService_reachesNoRule() {
        ObjectNode event = heartbeatRecord();
        event.put("source", "aws.lambda");
        ((ObjectNode) event.path("detail")).put("eventSource", "lambda.amazonaws.com");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void scheduledEvent_ofAnotherRule_reachesNoRule() {
        ObjectNode event = sample("scheduled-heartbeat.json");
        event.putArray("resources").add("arn:aws:events:us-east-1:123456789012:rule/nightly-jobs");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void theHeartbeatsSchedule_isTheRuleItTags_andDeadLettersWhatItCannotDeliver() {
        assertThat(matched(sample("scheduled-heartbeat.json"))).containsExactly("HeartbeatFunction/Schedule");
        JsonNode schedule = TEMPLATE.resources().at("/HeartbeatFunction/Properties/Events/Schedule/Properties");
        assertThat(schedule.path("Name").asText()).isEqualTo("tourniquet-heartbeat");
        assertThat(schedule.path("Schedule").asText()).isEqualTo("rate(5 minutes)");
        assertThat(schedule.at("/DeadLetterConfig/Arn").asText()).isEqualTo("DeadLetterQueue.Arn");
        assertThat(TEMPLATE.resources().at("/HeartbeatFunction/Properties/Environment/Variables/HEARTBEAT_RULE_ARN")
                .asText()).endsWith(":rule/tourniquet-heartbeat");
    }

    @Test
    void lateRecordOfASpotRequest_reachesTheInstanceFunction() {
        ObjectNode event = sample("tourniquet-resource-of-contained-credential-instance.json");
        ((ObjectNode) event.path("detail").path("record")).put("resourceType", "spot-request")
                .put("resourceId", "sir-0a1b2c3d");
        assertThat(matched(event)).containsExactly("IsolateInstanceFunction/LateInstanceRecordRule");
    }

    @Test
    void lateRecord_onTheDefaultBus_reachesNoRule() {
        assertThat(ROUTER.route(sample("tourniquet-resource-of-contained-credential.json"), "default")).isEmpty();
    }

    @Test
    void lateRecord_ofAnUnknownResourceType_reachesNoRule() {
        ObjectNode event = sample("tourniquet-resource-of-contained-credential.json");
        ((ObjectNode) event.path("detail").path("record")).put("resourceType", "bucket");
        assertThat(matched(event)).isEmpty();
    }

    @Test
    void provenanceRecords_reachTheProvenanceIntakeOnly_neverAContainmentFunction() {
        for (String name : java.util.List.of("cloudtrail-lambda-create-function.json", "cloudtrail-lambda-add-permission.json",
                "cloudtrail-lambda-update-function-code.json", "cloudtrail-ec2-run-instances.json",
                "cloudtrail-ec2-request-spot-instances.json")) {
            // A containing function sees such a record only when it may undo a containment (ContainmentUndone*).
            assertThat(matched(sample(name))).as(name).allMatch(rule -> rule.startsWith("RecordProvenanceFunction/")
                    || rule.contains("/ContainmentUndone")).anyMatch(rule -> rule.startsWith("RecordProvenanceFunction/"));
        }
    }
}
