package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.triggers.CutRulesStartingWorkload;
import dev.tourniquet.step.triggers.DisableSchedulesStartingWorkload;
import dev.tourniquet.step.triggers.TriggerClients;
import dev.tourniquet.step.triggers.WorkloadStarts;
import java.util.List;

/**
 * What keeps restarting a contained workload: EventBridge rules and Scheduler schedules that run its task definition
 * on its cluster, start its build's project or submit to its job queue, cut as a quarantined function's triggers are
 * (only the target, when a rule has others; schedules disabled). A workload no trigger can name exactly (an ECS
 * service, a Batch job or environment, SageMaker) has no cut: ECS replaces a service's tasks itself, and the service
 * steps scale it.
 */
final class RespawnTriggerSteps {
    private final AwsClients clients;

    RespawnTriggerSteps(AwsClients clients) {
        this.clients = clients;
    }

    /** The steps that cut what restarts {@code workload}, run after the step that stops it. */
    List<Step> after(CompromisedWorkload workload) {
        String arn = workload.workload().arn();
        return WorkloadStarts.of(workload.workload()).<List<Step>>map(starts -> List.of(
                new CutRulesStartingWorkload(TriggerClients.events(clients, starts.region()), arn, starts,
                        clients.configuration().ownStack()),
                new DisableSchedulesStartingWorkload(TriggerClients.scheduler(clients, starts.region()), arn, starts,
                        clients.configuration().ownStack()))).orElse(List.of());
    }
}
