package dev.tourniquet.flow.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Configuration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the heartbeat's own write on its own rule counts; nothing else does, whoever wrote it. */
class HeartbeatReturnTest {
    private static final HeartbeatSettings SETTINGS = HeartbeatSettings.from(Map.of(),
            Configuration.defaults("us-east-1"));

    private static ObjectNode record() {
        return Samples.load("cloudtrail-events-tag-resource-heartbeat.json");
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.path("detail");
    }

    @Test
    void judge_itsOwnWriteOnItsOwnRule_counts() {
        assertThat(HeartbeatReturn.judge(record(), SETTINGS)).isEqualTo(
                new HeartbeatReturn.Counted(Instant.parse("2026-11-20T03:20:00Z"), "9b1d3f5a-7c9e-4b2d-8f4a-6c8e0a2b4d6f",
                        "us-east-1", false));
    }

    @Test
    void judge_itsOwnWriteOnAForwardersRule_inThatRegion_countsForThatRegion() {
        assertThat(HeartbeatReturn.judge(Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json"),
                SETTINGS)).isEqualTo(new HeartbeatReturn.Counted(Instant.parse("2026-11-20T03:20:00Z"),
                "3f5b7d9e-2a4c-4e6f-8b1d-5c7e9a1b3d5f", "eu-west-3", true));
    }

    @Test
    void judge_aForwardersRuleRecordedInAnotherRegion_orTheHomeRegion_orByAnotherPrincipal_isNotCounted() {
        ObjectNode elsewhere = Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json");
        detail(elsewhere).put("awsRegion", "eu-central-1");
        ObjectNode home = Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json");
        detail(home).put("awsRegion", "us-east-1");
        ((ObjectNode) home.at("/detail/requestParameters"))
                .put("resourceARN", "arn:aws:events:us-east-1:123456789012:rule/tourniquet-forward-heartbeat");
        ObjectNode lookAlike = Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json");
        ((ObjectNode) lookAlike.at("/detail/requestParameters"))
                .put("resourceARN", "arn:aws:events:eu-west-3:123456789012:rule/tourniquet-forward-heartbeat-2");
        ObjectNode other = HeartbeatReturnTest.byDeployBot(
                Samples.load("cloudtrail-events-tag-resource-forwarder-heartbeat.json"));

        assertThat(List.of(elsewhere, home, lookAlike, other)).allSatisfy(event ->
                assertThat(HeartbeatReturn.judge(event, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class));
    }

    private static ObjectNode byDeployBot(ObjectNode event) {
        detail(event).putObject("userIdentity").put("type", "IAMUser")
                .put("arn", "arn:aws:iam::123456789012:user/deploy-bot");
        return event;
    }

    @Test
    void judge_aWriteByAnotherPrincipal_isNotCounted() {
        assertThat(HeartbeatReturn.judge(Samples.load("cloudtrail-events-tag-resource-other-principal.json"), SETTINGS))
                .isInstanceOfSatisfying(HeartbeatReturn.NotCounted.class,
                        n -> assertThat(n.reason()).contains("arn:aws:iam::123456789012:user/deploy-bot"));
    }

    @Test
    void judge_aRoleOfTheSameNameOnAnotherPath_isNotCounted() {
        ObjectNode event = record();
        ((ObjectNode) event.at("/detail/userIdentity/sessionContext/sessionIssuer"))
                .put("arn", "arn:aws:iam::123456789012:role/tourniquet-heartbeat");
        assertThat(HeartbeatReturn.judge(event, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void judge_aWriteOnAnotherRule_isNotCounted() {
        ObjectNode event = record();
        ((ObjectNode) event.at("/detail/requestParameters"))
                .put("resourceARN", "arn:aws:events:us-east-1:123456789012:rule/nightly-jobs");
        assertThat(HeartbeatReturn.judge(event, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void judge_aFailedWrite_isNotCounted() {
        ObjectNode event = record();
        detail(event).put("errorCode", "AccessDeniedException");
        assertThat(HeartbeatReturn.judge(event, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void judge_anotherCallOrService_isNotCounted() {
        ObjectNode untag = record();
        detail(untag).put("eventName", "UntagResource");
        ObjectNode lambda = record();
        detail(lambda).put("eventSource", "lambda.amazonaws.com");
        assertThat(HeartbeatReturn.judge(untag, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
        assertThat(HeartbeatReturn.judge(lambda, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void judge_aRecordOfAnotherRegion_isNotCounted() {
        ObjectNode event = record();
        detail(event).put("awsRegion", "eu-west-1");
        assertThat(HeartbeatReturn.judge(event, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void judge_aRecordWithoutItsTime_orWithoutAnIdentity_isNotCounted() {
        ObjectNode timeless = record();
        detail(timeless).remove("eventTime");
        ObjectNode anonymous = record();
        detail(anonymous).remove("userIdentity");
        assertThat(HeartbeatReturn.judge(timeless, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
        assertThat(HeartbeatReturn.judge(anonymous, SETTINGS)).isInstanceOf(HeartbeatReturn.NotCounted.class);
    }

    @Test
    void settings_fromTheEnvironment_winOverTheLocalDefaults() {
        HeartbeatSettings settings = HeartbeatSettings.from(Map.of(
                "HEARTBEAT_RULE_ARN", "arn:aws-cn:events:cn-north-1:111122223333:rule/tourniquet-heartbeat",
                "HEARTBEAT_ROLE_ARN", "arn:aws-cn:iam::111122223333:role/tourniquet/stack-HeartbeatFunctionRole-1",
                "STACK_ID", "arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/tourniquet/1"),
                Configuration.defaults("cn-north-1"));
        assertThat(settings.ruleArn()).startsWith("arn:aws-cn:events:cn-north-1:111122223333:");
        assertThat(settings.roleArn()).endsWith("HeartbeatFunctionRole-1");
        assertThat(settings.stack()).startsWith("arn:aws-cn:cloudformation:");
        assertThat(SETTINGS.ruleArn()).isEqualTo("arn:aws:events:us-east-1:123456789012:rule/tourniquet-heartbeat");
        assertThat(SETTINGS.stack()).isEqualTo("tourniquet");
        assertThat(settings.forwarderRuleArn("cn-northwest-1"))
                .isEqualTo("arn:aws-cn:events:cn-northwest-1:111122223333:rule/tourniquet-forward-heartbeat");
    }
}
