package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ecs.CollectTaskEvidence;
import dev.tourniquet.step.ecs.EcsClients;
import dev.tourniquet.step.ecs.EcsStepKinds;
import dev.tourniquet.step.ecs.RevokeTaskRoleSession;
import dev.tourniquet.step.ecs.ScaleServiceToZero;
import dev.tourniquet.step.ecs.StopServiceTasks;
import dev.tourniquet.step.ecs.StopTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * What contains an ECS workload, stop first:
 * <ul>
 *   <li>a task a mining finding names, whose group is {@code service:NAME}: its service scaled to 0 first (a service
 *       replaces every task that stops; a service that mines is no longer the owner's), then the task stopped, then
 *       its description and task definition kept as evidence;</li>
 *   <li>a task any other finding names (backdoor, reverse shell …): stopped, evidence kept, and that task's role
 *       session revoked (its stolen credentials, that one session only); its service is left to a person, alerted;</li>
 *   <li>a task the contained key ran (a sweep, a late record, the footprint): stopped, evidence kept;</li>
 *   <li>a service the contained key created or scaled up: scaled to 0 (ECS stops its tasks).</li>
 * </ul>
 * The owner's other tasks and services are never touched: only the one task or service named, and the service a
 * mining task's own group names.
 */
final class EcsWorkloadSteps {
    private final AwsClients clients;

    EcsWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        return switch (workload.workload()) {
            case EcsTask task -> task(workload, task);
            case EcsService service -> Plan.act(workload, workload.reason() + ": " + service.describe()
                    + " scaled to 0 (its desired count recorded; release restores it) and its tasks stopped",
                    List.of(scale(service), new StopServiceTasks(EcsClients.ecs(clients, service.region()),
                            service.arn(), service.cluster())));
            default -> Plan.alertOnly(workload, workload.workload().describe() + " is not an ECS workload");
        };
    }

    private Plan task(CompromisedWorkload workload, EcsTask task) {
        EcsClient ecs = EcsClients.ecs(clients, task.region());
        List<Step> steps = new ArrayList<>();
        Optional<EcsService> service = serviceOf(task);
        if (workload.mining()) {
            service.ifPresent(s -> steps.add(scale(s)));
        }
        steps.add(new StopTask(ecs, task.arn(), task.cluster(), task.region()));
        steps.add(new CollectTaskEvidence(ecs, task.arn(), task.cluster()));
        String rationale;
        if (workload.mining()) {
            rationale = workload.reason() + ": " + task.describe() + " mines; "
                    + service.map(s -> "its service " + s.name() + " scaled to 0 and ").orElse("") + "the task stopped";
        } else if (isFinding(workload)) {
            steps.add(new RevokeTaskRoleSession(ecs, clients.iam(), task.arn(), task.cluster()));
            rationale = workload.reason() + ": " + task.describe() + " is compromised; the task stopped and its role"
                    + " session revoked" + service.map(s -> "; its service " + s.name() + " is left running for a"
                    + " person to judge (it may start the same image again)").orElse("");
        } else {
            rationale = workload.reason() + ": " + task.describe() + " stopped";
        }
        return Plan.act(workload, rationale, steps);
    }

    /** The step that re-applies a held ECS step undone by someone else (a contained service scaled up again). */
    Optional<Step> again(ContainmentUndone.HeldStep held) {
        if (!EcsStepKinds.SCALE_SERVICE_TO_ZERO.id().equals(held.step()) || !held.target().startsWith("arn:")) {
            return Optional.empty();
        }
        return Optional.of(scale(new EcsService(held.target(), "")));
    }

    private ScaleServiceToZero scale(EcsService service) {
        return new ScaleServiceToZero(EcsClients.ecs(clients, service.region()), service.arn(), service.cluster(),
                service.region());
    }

    // A runtime finding on the task itself (not a sweep, a late record or the footprint).
    private static boolean isFinding(CompromisedWorkload workload) {
        return "aws.guardduty".equals(workload.origin().source());
    }

    // The service a task's group names (service:NAME), in the task's cluster, account and partition.
    static Optional<EcsService> serviceOf(EcsTask task) {
        String[] parts = task.arn().split(":", 6);
        if (parts.length < 6) {
            return Optional.empty();
        }
        String cluster = dev.tourniquet.signal.Workload.lastName(task.cluster());
        return task.service().filter(name -> !cluster.isEmpty()).map(name -> new EcsService("arn:" + parts[1]
                + ":ecs:" + parts[3] + ":" + parts[4] + ":service/" + cluster + "/" + name, task.cluster()));
    }
}
