package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.events.RuleCuts;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;

/**
 * The undo of each trigger cut ({@link TriggerStepKinds}), from its recorded prior state (which holds the region):
 * exactly the rules it disabled enabled, the targets it removed put back whole, the schedules it disabled enabled.
 */
final class TriggerReversals {
    private TriggerReversals() {}

    static String restoreRules(JsonNode prior, String target, AwsClients clients) {
        EventBridgeClient events = TriggerClients.events(clients, prior.path("region").asText());
        return "rules starting " + target + " restored: " + RuleCuts.restore(events, prior.path("rules"), "",
                t -> SdkPojos.read(t, Target.builder()));
    }

    static String enableSchedules(JsonNode prior, String target, AwsClients clients) {
        SchedulerClient scheduler = TriggerClients.scheduler(clients, prior.path("region").asText());
        List<String> enabled = new ArrayList<>();
        for (JsonNode schedule : prior.path("schedules")) {
            if ("ENABLED".equals(schedule.path("State").asText())) {
                String group = schedule.path("GroupName").asText();
                String name = schedule.path("Name").asText();
                scheduler.updateSchedule(ScheduleUpdates.withState(scheduler.getSchedule(r -> r.groupName(group)
                        .name(name)), ScheduleState.ENABLED));
                enabled.add(group + "/" + name);
            }
        }
        return "schedules starting " + target + " enabled again: " + enabled;
    }
}
