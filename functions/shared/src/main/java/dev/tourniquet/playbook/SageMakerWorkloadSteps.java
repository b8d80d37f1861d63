package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.sagemaker.CollectSageMakerEvidence;
import dev.tourniquet.step.sagemaker.DeleteSageMakerEndpoint;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.sagemaker.SageMakerClients;
import dev.tourniquet.step.sagemaker.SageMakerStepKinds;
import dev.tourniquet.step.sagemaker.StopNotebookInstance;
import dev.tourniquet.step.sagemaker.StopSageMakerJob;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What contains a SageMaker workload. A training, processing or transform job is stopped (SageMaker cannot resume it,
 * so its description is kept as evidence, to create it again) and a notebook instance stopped (a release starts it
 * again): the stop first, the description after. An endpoint is alerted only, unless AllowIrreversibleActions is set:
 * an instance-based endpoint cannot be scaled to zero, so ending its spend means deleting it; its description is kept
 * first (it cannot be read once deleted) and its endpoint configuration is left, and recorded.
 */
final class SageMakerWorkloadSteps {
    private final AwsClients clients;

    SageMakerWorkloadSteps(AwsClients clients) {
        this.clients = clients;
    }

    Plan plan(CompromisedWorkload workload) {
        SageMakerResource resource = (SageMakerResource) workload.workload();
        SageMakerClient sageMaker = SageMakerClients.sageMaker(clients, resource.region());
        CollectSageMakerEvidence evidence = new CollectSageMakerEvidence(sageMaker, resource);
        String why = workload.reason();
        return switch (resource.kind()) {
            case TRAINING_JOB, PROCESSING_JOB, TRANSFORM_JOB -> Plan.act(workload, resource.describe() + ": " + why
                    + "; stopped (SageMaker cannot resume a stopped job: its description is kept to create it again)",
                    List.of(new StopSageMakerJob(sageMaker, resource), evidence));
            case NOTEBOOK_INSTANCE -> Plan.act(workload, resource.describe() + ": " + why
                    + "; stopped, its volume kept (release starts it again)",
                    List.of(new StopNotebookInstance(sageMaker, resource), evidence));
            case ENDPOINT -> clients.configuration().irreversibleActions()
                    ? Plan.act(workload, resource.describe() + ": " + why + "; deleted (AllowIrreversibleActions),"
                            + " its endpoint configuration kept and recorded to create it again",
                            List.of(evidence, new DeleteSageMakerEndpoint(sageMaker, resource)))
                    : Plan.alertOnly(workload, resource.describe() + ": " + why + "; left running: an instance-based"
                            + " endpoint cannot be scaled to zero and deleting it is irreversible (AllowIrreversibleActions"
                            + " is off). Delete it by hand (aws sagemaker delete-endpoint --region " + resource.region()
                            + " --endpoint-name " + resource.name() + "); its endpoint configuration stays to create"
                            + " it again");
        };
    }

    /**
     * The step that stops again a notebook an incident stopped and someone else started (a release is never one: its
     * incident no longer holds the notebook).
     */
    Optional<Step> again(ContainmentUndone.HeldStep held) {
        if (!SageMakerStepKinds.STOP_NOTEBOOK_INSTANCE.id().equals(held.step()) || !held.target().startsWith("arn:")) {
            return Optional.empty();
        }
        SageMakerResource notebook = new SageMakerResource(SageMakerResource.Kind.NOTEBOOK_INSTANCE, held.target());
        return Optional.of(new StopNotebookInstance(SageMakerClients.sageMaker(clients, notebook.region()), notebook));
    }
}
