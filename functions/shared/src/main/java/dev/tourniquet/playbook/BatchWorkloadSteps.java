package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.SpendShape;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.batch.BatchClients;
import dev.tourniquet.step.batch.BatchStepKinds;
import dev.tourniquet.step.batch.CollectBatchEvidence;
import dev.tourniquet.step.batch.DisableComputeEnvironment;
import dev.tourniquet.step.batch.DisableJobQueue;
import dev.tourniquet.step.batch.TerminateJob;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * What contains an AWS Batch workload, reversibly unless AllowIrreversibleActions says otherwise:
 * <ul>
 *   <li>a compute environment the key created (or pointed at other instance types, as a launch change makes an Auto
 *       Scaling group the key's): disabled at 0 max vCPUs, then kept as evidence;</li>
 *   <li>a job queue the key created: disabled, then kept as evidence;</li>
 *   <li>a job the key submitted: kept as evidence, then terminated where irreversible actions are allowed; otherwise
 *       left running, and the alert says so (disabling its environment does not stop a running job);</li>
 *   <li>an environment or queue of the owner's the key only resized or re-enabled: kept as evidence, not disabled
 *       (the owner's jobs run there); the alert says what to restore.</li>
 * </ul>
 */
final class BatchWorkloadSteps {
    private static final Set<String> CREATES = Set.of("CreateComputeEnvironment", "CreateJobQueue");

    private final AwsClients clients;

    BatchWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        if (!(workload.workload() instanceof BatchResource resource)) {
            return Plan.alertOnly(workload, workload.workload().describe() + " is not a Batch workload");
        }
        BatchClient batch = BatchClients.batch(clients, resource.region());
        String region = resource.region();
        Step evidence = new CollectBatchEvidence(batch, resource);
        String why = resource.describe() + ": " + workload.reason();
        return switch (resource.kind()) {
            case COMPUTE_ENVIRONMENT -> theIncidents(workload) ? Plan.act(workload, why + "; disabled at 0 max vCPUs"
                    + " (release restores it), then kept as evidence; jobs already running on it are not stopped by"
                    + " this", List.of(new DisableComputeEnvironment(batch, resource.arn(), region), evidence))
                    : ownersOnly(workload, why, evidence);
            case JOB_QUEUE -> theIncidents(workload) ? Plan.act(workload, why + "; disabled (release re-enables it),"
                    + " then kept as evidence", List.of(new DisableJobQueue(batch, resource.arn(), region), evidence))
                    : ownersOnly(workload, why, evidence);
            case JOB -> clients.configuration().irreversibleActions()
                    ? Plan.act(workload, why + "; kept as evidence, then terminated (AllowIrreversibleActions is on)",
                            List.of(evidence, new TerminateJob(batch, resource.name(), region)))
                    : Plan.act(workload, why + "; kept as evidence and LEFT RUNNING: AllowIrreversibleActions is off,"
                            + " and a Batch job can only be terminated. Terminate it by hand (aws batch terminate-job"
                            + " --region " + region + " --job-id " + resource.name() + ") or allow irreversible"
                            + " actions", List.of(evidence));
        };
    }

    /**
     * The step that disables again an environment or queue an incident disabled and someone else enabled or gave vCPUs
     * again (a release is never one: its incident no longer holds it).
     */
    Optional<Step> again(ContainmentUndone.HeldStep held) {
        boolean environment = BatchStepKinds.DISABLE_COMPUTE_ENVIRONMENT.id().equals(held.step());
        if (!environment && !BatchStepKinds.DISABLE_JOB_QUEUE.id().equals(held.step())
                || !held.target().startsWith("arn:")) {
            return Optional.empty();
        }
        BatchResource resource = new BatchResource(environment ? BatchResource.Kind.COMPUTE_ENVIRONMENT
                : BatchResource.Kind.JOB_QUEUE, held.target());
        BatchClient batch = BatchClients.batch(clients, resource.region());
        return Optional.of(environment ? new DisableComputeEnvironment(batch, resource.arn(), resource.region())
                : new DisableJobQueue(batch, resource.arn(), resource.region()));
    }

    private static Plan ownersOnly(CompromisedWorkload workload, String why, Step evidence) {
        return Plan.act(workload, why + "; changed, not created, by the incident's credential: the owner's, so not"
                + " disabled (the owner's jobs run there). Kept as evidence: restore its settings by hand",
                List.of(evidence));
    }

    // Created by the record that made it the incident's, or pointed at instance types of the caller's choosing (a
    // launch change). A resource whose creator is unknown is treated as the owner's.
    private static boolean theIncidents(CompromisedWorkload workload) {
        return workload.creator().filter(c -> CREATES.contains(c.eventName())
                || "UpdateComputeEnvironment".equals(c.eventName()) && !SpendShape.instanceTypes(c).isEmpty())
                .isPresent();
    }
}
