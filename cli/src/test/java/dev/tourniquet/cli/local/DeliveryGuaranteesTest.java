package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No event is ever dropped, read from template.yaml itself: every rule target retries and dead-letters
 * what EventBridge cannot deliver, and every function keeps what it fails to process on the same queue.
 * (YAML tags are read as their text: {@code !GetAtt DeadLetterQueue.Arn} is "DeadLetterQueue.Arn".)
 */
class DeliveryGuaranteesTest {
    private static final String DEAD_LETTERS = "DeadLetterQueue.Arn";
    private static final TemplateRules TEMPLATE = TemplateRules.load(ProjectRoot.locate().resolve("template.yaml"));

    @Test
    void everyRuleTarget_retriesAndDeadLettersWhatItCannotDeliver() {
        List<Map.Entry<String, JsonNode>> targets = targets();

        assertThat(targets).hasSizeGreaterThanOrEqualTo(10);
        assertThat(targets).allSatisfy(target -> {
            assertThat(target.getValue().at("/DeadLetterConfig/Arn").asText()).as(target.getKey()).isEqualTo(DEAD_LETTERS);
            assertThat(target.getValue().at("/RetryPolicy/MaximumRetryAttempts").asInt()).as(target.getKey()).isPositive();
        });
    }

    @Test
    void everyFunction_keepsWhatItFailsToProcess_afterLambdasTwoRetries() {
        JsonNode config = TEMPLATE.functionGlobals().path("EventInvokeConfig");

        assertThat(config.path("MaximumRetryAttempts").asInt(-1)).isEqualTo(2);
        assertThat(config.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
        assertThat(config.at("/DestinationConfig/OnFailure/Destination").asText()).isEqualTo(DEAD_LETTERS);
        TEMPLATE.resources().properties().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                assertThat(resource.getValue().path("Properties").has("EventInvokeConfig")).as(resource.getKey())
                        .isFalse();
            }
        });
    }

    @Test
    void deadLetters_raiseAnAlarm_inEveryRegion_onATopicCloudWatchCanPublishTo() {
        JsonNode alarm = TEMPLATE.resources().path("DeadLetterAlarm");
        JsonNode topic = TEMPLATE.resources().path("AlarmTopic");

        assertThat(alarm.path("Type").asText()).isEqualTo("AWS::CloudWatch::Alarm");
        assertThat(alarm.has("Condition")).as("in every region, not only the primary").isFalse();
        assertThat(alarm.at("/Properties/Namespace").asText()).isEqualTo("AWS/SQS");
        assertThat(alarm.at("/Properties/MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
        assertThat(alarm.at("/Properties/Dimensions/0/Value").asText()).isEqualTo("DeadLetterQueue.QueueName");
        // Any message: the most visible in a minute, one or more.
        assertThat(alarm.at("/Properties/Statistic").asText()).isEqualTo("Maximum");
        assertThat(alarm.at("/Properties/ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(alarm.at("/Properties/Threshold").asInt()).isEqualTo(1);
        assertThat(alarm.at("/Properties/AlarmActions/0").asText()).isEqualTo("AlarmTopic");
        assertThat(topic.has("Condition")).isFalse();
        // CloudWatch cannot publish to a topic encrypted with the AWS-managed aws/sns key.
        assertThat(topic.at("/Properties/KmsMasterKeyId").asText()).isNotEqualTo("alias/aws/sns");
    }

    // SAM EventBridgeRule events of every function, and the targets of every plain rule.
    private static List<Map.Entry<String, JsonNode>> targets() {
        List<Map.Entry<String, JsonNode>> targets = new ArrayList<>();
        TEMPLATE.resources().properties().forEach(resource -> {
            JsonNode value = resource.getValue();
            switch (value.path("Type").asText()) {
                case "AWS::Serverless::Function" -> value.at("/Properties/Events").properties().forEach(event -> {
                    if ("EventBridgeRule".equals(event.getValue().path("Type").asText())) {
                        targets.add(Map.entry(resource.getKey() + "." + event.getKey(),
                                event.getValue().path("Properties")));
                    }
                });
                case "AWS::Events::Rule" -> value.at("/Properties/Targets").forEach(target ->
                        targets.add(Map.entry(resource.getKey() + "." + target.path("Id").asText(), target)));
                default -> { }
            }
        });
        return targets;
    }
}
