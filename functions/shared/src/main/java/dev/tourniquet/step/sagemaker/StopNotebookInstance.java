package dev.tourniquet.step.sagemaker;

import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepKind;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Stops a SageMaker notebook instance: its instance is released (the spend ends) and its storage volume kept, so it
 * can be started again as it was. A notebook that failed or is being deleted is left as it is. SageMaker stops only an
 * {@code InService} notebook: one still {@code Pending} (just started again, by an attacker undoing the stop) cannot be
 * stopped yet, so the step fails as transient and the delivery's retry stops it once it is in service.
 *
 * <p>IAM actions: {@code sagemaker:DescribeNotebookInstance}, {@code sagemaker:StopNotebookInstance}. Undo: start it
 * ({@code ./tourniquet release}, or see {@link #undo()}).
 */
public final class StopNotebookInstance extends SageMakerStop {

    public StopNotebookInstance(SageMakerClient sageMaker, SageMakerResource notebook) {
        super(sageMaker, notebook, Set.of("Failed", "Deleting"), "its volume is kept, release starts it again");
        if (notebook.kind() != SageMakerResource.Kind.NOTEBOOK_INSTANCE) {
            throw new IllegalArgumentException("not a notebook instance: " + notebook.arn());
        }
    }

    @Override
    public StepKind kind() {
        return SageMakerStepKinds.STOP_NOTEBOOK_INSTANCE;
    }

    @Override
    public String undo() {
        return "aws sagemaker start-notebook-instance --region " + resource.region() + " --notebook-instance-name "
                + resource.name() + " (or ./tourniquet release)";
    }

    @Override
    protected void ensureStoppableNow(String status) {
        if ("Pending".equals(status)) {
            throw new NotYetConsistentException(resource.describe() + " is Pending: SageMaker stops it only once it is"
                    + " InService; retried");
        }
    }

    @Override
    protected void requestStop() {
        sageMaker.stopNotebookInstance(r -> r.notebookInstanceName(resource.name()));
    }

    @Override
    protected String endedNote(String status) {
        return "is " + status + ": nothing runs";
    }
}
