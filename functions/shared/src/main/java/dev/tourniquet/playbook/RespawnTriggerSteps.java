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
import dev.tourniquet.signal.WorkloadTrigger;
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
        // A CodeBuild project is also started by the pipelines that build it: their rules and schedules are cut too.
        return WorkloadStarts.of(workload.workload()).<List<Step>>map(starts -> List.of(
                new CutRulesStartingWorkload(TriggerClients.events(clients, starts.region()), arn, starts,
                        clients.configuration().ownStack()).alsoVia(TriggerClients.codePipeline(clients,
                        starts.region())),
                new DisableSchedulesStartingWorkload(TriggerClients.scheduler(clients, starts.region()), arn, starts,
                        clients.configuration().ownStack()).alsoVia(TriggerClients.codePipeline(clients,
                        starts.region())))).orElse(List.of());
    }

    /**
     * A rule or schedule the incident's credential pointed at compute ({@link WorkloadTrigger}): that one trigger cut
     * (its workload targets removed or the rule disabled; the schedule disabled), whether or not what it starts runs
     * now. The workload's own steps do not run: the trigger is the incident, and what it started, if anything, is an
     * incident of its own.
     */
    Plan cut(CompromisedWorkload workload, WorkloadTrigger trigger) {
        Optional<WorkloadStarts> starts = WorkloadStarts.ofTrigger(trigger);
        if (starts.isEmpty()) {
            return Plan.alertOnly(workload, trigger.describe() + ": its record names no compute it starts");
        }
        OwnStack own = clients.configuration().ownStack();
        Optional<String> only = Optional.of(trigger.arn());
        Step step = trigger.schedule()
                ? new DisableSchedulesStartingWorkload(TriggerClients.scheduler(clients, starts.get().region()),
                        trigger.arn(), starts.get(), own, only)
                : new CutRulesStartingWorkload(TriggerClients.events(clients, starts.get().region()), trigger.arn(),
                        starts.get(), own, only);
        return Plan.act(workload, trigger.describe() + ": " + workload.reason() + "; it starts "
                + starts.get().describe() + ", so it is cut (disabled, or only that target removed; release restores"
                + " it)", List.of(step));
    }

    /** The cut a held step recorded, made again whole: it finds what was put back and cuts only that. */
    Optional<Step> again(ContainmentUndone.HeldStep held) {
        Optional<WorkloadStarts> starts = Optional.ofNullable(held.prior()).flatMap(WorkloadStarts::fromPrior);
        if (starts.isEmpty()) {
            return Optional.empty();
        }
        String region = starts.get().region();
        OwnStack own = clients.configuration().ownStack();
        // A credential's own trigger was cut alone: cut again alone.
        Optional<String> only = Optional.of(held.prior().path("only").asText("")).filter(s -> !s.isEmpty());
        if (TriggerStepKinds.CUT_RULES_STARTING_WORKLOAD.id().equals(held.step())) {
            return Optional.of(new CutRulesStartingWorkload(TriggerClients.events(clients, region), held.target(),
                    starts.get(), own, only).alsoVia(TriggerClients.codePipeline(clients, region)));
        }
        if (TriggerStepKinds.DISABLE_SCHEDULES_STARTING_WORKLOAD.id().equals(held.step())) {
            return Optional.of(new DisableSchedulesStartingWorkload(TriggerClients.scheduler(clients, region),
                    held.target(), starts.get(), own, only).alsoVia(TriggerClients.codePipeline(clients, region)));
        }
        return Optional.empty();
    }
}
