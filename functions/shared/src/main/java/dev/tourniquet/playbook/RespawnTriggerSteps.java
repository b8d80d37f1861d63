package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.step.Step;
import java.util.List;

/**
 * What keeps restarting a contained workload: EventBridge rules and Scheduler schedules that run its task, start its
 * build, submit to its queue or start its pipeline, cut as a quarantined function's triggers are (only the target,
 * when a rule has others). Contract stub: the respawn-trigger part of issue 17 fills it in.
 */
final class RespawnTriggerSteps {
    private final AwsClients clients;

    RespawnTriggerSteps(AwsClients clients) {
        this.clients = clients;
    }

    /** The steps that cut what restarts {@code workload}, run after the step that stops it. */
    List<Step> after(CompromisedWorkload workload) {
        return List.of();
    }
}
