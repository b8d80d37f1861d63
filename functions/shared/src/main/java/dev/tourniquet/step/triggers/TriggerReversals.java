package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
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
        List<String> restored = new ArrayList<>();
        for (JsonNode rule : prior.path("rules")) {
            String name = rule.path("name").asText();
            String bus = rule.path("bus").asText();
            String action = rule.path("action").asText("");
            if (CutRulesStartingWorkload.TARGETS_REMOVED.equals(action)) {
                List<Target> targets = new ArrayList<>();
                rule.path("removedTargets").forEach(t -> targets.add(SdkPojos.read(t, Target.builder())));
                // PutTargets overwrites a target of the same id: putting it back twice changes nothing.
                events.putTargets(r -> r.rule(name).eventBusName(bus).targets(targets));
                restored.add(bus + "/" + name + " (" + targets.size() + " target(s) put back)");
            } else if (CutRulesStartingWorkload.DISABLED.equals(action)
                    && !"DISABLED".equals(rule.path("state").asText()) && Json.text(rule, "/managedBy").isEmpty()) {
                events.enableRule(r -> r.name(name).eventBusName(bus));
                restored.add(bus + "/" + name + " (enabled)");
            }
        }
        return "rules starting " + target + " restored: " + restored;
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
