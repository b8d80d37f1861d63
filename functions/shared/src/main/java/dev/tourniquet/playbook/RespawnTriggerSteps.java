package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.triggers.CutRulesStartingWorkload;
import dev.tourniquet.step.triggers.DisableSchedulesStartingWorkload;
import dev.tourniquet.step.triggers.TriggerClients;
import dev.tourniquet.step.triggers.WorkloadStarts;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.step.triggers.TriggerStepKinds;
import java.util.List;
import java.util.Optional;

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

    /** The cut a held step recorded, made again whole: it finds what was put back and cuts only that. */
    Optional<Step> again(ContainmentUndone.HeldStep held) {
        Optional<WorkloadStarts> starts = Optional.ofNullable(held.prior()).flatMap(WorkloadStarts::fromPrior);
        if (starts.isEmpty()) {
            return Optional.empty();
        }
        String region = starts.get().region();
        OwnStack own = clients.configuration().ownStack();
        if (TriggerStepKinds.CUT_RULES_STARTING_WORKLOAD.id().equals(held.step())) {
            return Optional.of(new CutRulesStartingWorkload(TriggerClients.events(clients, region), held.target(),
                    starts.get(), own));
        }
        if (TriggerStepKinds.DISABLE_SCHEDULES_STARTING_WORKLOAD.id().equals(held.step())) {
            return Optional.of(new DisableSchedulesStartingWorkload(TriggerClients.scheduler(clients, region),
                    held.target(), starts.get(), own));
        }
        return Optional.empty();
    }
}
