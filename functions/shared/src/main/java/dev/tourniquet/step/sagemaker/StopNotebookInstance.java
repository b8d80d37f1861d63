package dev.tourniquet.step.sagemaker;

import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepKind;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Stops a SageMaker notebook instance: its instance is released (the spend ends) and its storage volume kept, so it
 * can be started again as it was. A notebook that failed or is being deleted is left as it is.
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
    protected void requestStop() {
        sageMaker.stopNotebookInstance(r -> r.notebookInstanceName(resource.name()));
    }

    @Override
    protected String endedNote(String status) {
        return "is " + status + ": nothing runs";
    }
}
