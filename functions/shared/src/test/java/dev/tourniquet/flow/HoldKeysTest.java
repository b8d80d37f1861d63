package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import org.junit.jupiter.api.Test;

class HoldKeysTest {

    @Test
    void of_isolatedInstance_holdsItsInterfacesToo() {
        ObjectNode prior = Json.object().put("instanceId", "i-1").put("region", "ap-southeast-1");
        prior.putArray("interfaces").addObject().put("networkInterfaceId", "eni-1").putArray("groups").add("sg-web");

        assertThat(HoldKeys.of("isolate-network", "i-1", prior)).containsExactly("i-1", "eni-1");
    }

    @Test
    void of_cutRules_holdsTheRulesItDisabledNotThoseItRemovedTargetsFrom() {
        ObjectNode prior = Json.object().put("functionArn", "arn:aws:lambda:us-west-2:123456789012:function:f")
                .put("region", "us-west-2");
        prior.putArray("rules").addObject().put("bus", "default").put("name", "f-every-3-minutes")
                .put("action", "disabled");
        prior.withArray("rules").addObject().put("bus", "default").put("name", "nightly-jobs")
                .put("action", "targets-removed");

        assertThat(HoldKeys.of("disable-rules-targeting-function", "arn:aws:lambda:us-west-2:123456789012:function:f",
                prior)).containsExactly("arn:aws:lambda:us-west-2:123456789012:function:f",
                "rule/us-west-2/default/f-every-3-minutes");
    }

    @Test
    void of_anyOtherStep_holdsItsTargetOnly() {
        assertThat(HoldKeys.of("deactivate-access-key", "AKIA1", Json.object())).containsExactly("AKIA1");
        assertThat(HoldKeys.of("stop-instance", "i-1", null)).containsExactly("i-1");
    }

    @Test
    void of_workloadTriggerCuts_holdTheRulesAndSchedulesTheyCut() {
        String task = "arn:aws:ecs:us-east-1:123456789012:task/miners/abc";
        ObjectNode rules = Json.object().put("workloadArn", task).put("region", "us-east-1");
        rules.putArray("rules").addObject().put("bus", "default").put("name", "xmrig-every-3-minutes")
                .put("action", "disabled");
        rules.withArray("rules").addObject().put("bus", "jobs").put("name", "shared-tick").put("action", "targets-removed");
        rules.withArray("rules").addObject().put("bus", "default").put("name", "nightly-report");
        ObjectNode schedules = Json.object().put("workloadArn", task).put("region", "us-east-1");
        schedules.putArray("schedules").addObject().put("GroupName", "default").put("Name", "xmrig-keepalive")
                .put("State", "ENABLED");
        schedules.withArray("schedules").addObject().put("GroupName", "ops").put("Name", "already-off")
                .put("State", "DISABLED");

        assertThat(HoldKeys.of("cut-rules-starting-workload", task, rules)).containsExactly(task,
                "rule/us-east-1/default/xmrig-every-3-minutes", "rule/us-east-1/jobs/shared-tick");
        assertThat(HoldKeys.of("disable-schedules-starting-workload", task, schedules)).containsExactly(task,
                "schedule/us-east-1/default/xmrig-keepalive");
    }
}
