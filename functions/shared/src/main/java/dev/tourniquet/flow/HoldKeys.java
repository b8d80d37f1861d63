package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.step.ec2.Ec2StepKinds;
import dev.tourniquet.step.lambda.LambdaStepKinds;
import dev.tourniquet.step.triggers.TriggerStepKinds;
import java.util.ArrayList;
import java.util.List;

/**
 * The resources one applied step holds: its target, and what else a change could undo it through, as CloudTrail
 * names that resource: an isolated instance's network interfaces ({@code ModifyNetworkInterfaceAttribute} names the
 * interface), the rules a quarantine disabled ({@code EnableRule} names the rule, not the function), the rules and
 * schedules a respawn-trigger cut disabled or took a target from ({@code PutTargets} and {@code UpdateSchedule} name them).
 */
final class HoldKeys {
    private HoldKeys() {}

    static List<String> of(String step, String target, JsonNode prior) {
        List<String> keys = new ArrayList<>(List.of(target));
        if (prior == null) {
            return keys;
        }
        if (Ec2StepKinds.ISOLATE_NETWORK.id().equals(step)) {
            prior.path("interfaces").forEach(eni -> {
                String id = eni.path("networkInterfaceId").asText("");
                if (!id.isEmpty()) {
                    keys.add(id);
                }
            });
        }
        if (LambdaStepKinds.CUT_RULES_TARGETING_FUNCTION.id().equals(step)) {
            String region = prior.path("region").asText("");
            prior.path("rules").forEach(rule -> {
                if ("disabled".equals(rule.path("action").asText())) {
                    keys.add(ContainmentUndone.ruleKey(region, rule.path("bus").asText(""), rule.path("name").asText()));
                }
            });
        }
        if (TriggerStepKinds.CUT_RULES_STARTING_WORKLOAD.id().equals(step)) {
            String region = prior.path("region").asText("");
            prior.path("rules").forEach(rule -> {
                String action = rule.path("action").asText();
                if ("disabled".equals(action) || "targets-removed".equals(action)) {
                    keys.add(ContainmentUndone.ruleKey(region, rule.path("bus").asText(""), rule.path("name").asText()));
                }
            });
        }
        if (TriggerStepKinds.DISABLE_SCHEDULES_STARTING_WORKLOAD.id().equals(step)) {
            String region = prior.path("region").asText("");
            prior.path("schedules").forEach(schedule -> {
                if ("ENABLED".equals(schedule.path("State").asText())) {
                    keys.add(ContainmentUndone.scheduleKey(region, schedule.path("GroupName").asText(""),
                            schedule.path("Name").asText()));
                }
            });
        }
        return keys;
    }
}
