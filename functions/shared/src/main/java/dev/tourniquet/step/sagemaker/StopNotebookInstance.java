package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Stops a SageMaker notebook instance: its instance is released (the spend ends) and its storage volume kept, so it
 * can be started again as it was. A notebook that failed or is being deleted is left as it is.
 *
 * <p>IAM actions: {@code sagemaker:DescribeNotebookInstance}, {@code sagemaker:StopNotebookInstance}. Undo: start it
 * ({@code ./tourniquet release}, or see {@link #undo()}).
 */
public final class StopNotebookInstance extends SageMakerStep implements Stopping {
    static final Set<String> STOPPED = Set.of("Stopping", "Stopped");
    private static final Set<String> ENDED = Set.of("Failed", "Deleting");

    public StopNotebookInstance(SageMakerClient sageMaker, SageMakerResource notebook) {
        super(sageMaker, notebook);
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
    public StepResult run(StepContext context) {
        return stop(context, true);
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        return stop(context, false);
    }

    private StepResult stop(StepContext context, boolean verify) {
        String status = status();
        ObjectNode prior = prior().put("status", status);
        if (STOPPED.contains(status)) {
            return new StepResult.AlreadyApplied(prior, resource.describe() + " is already " + status);
        }
        if (ENDED.contains(status)) {
            return new StepResult.Skipped(resource.describe() + " is " + status + ": nothing runs");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop " + resource.describe() + " (" + status + ")");
        }
        context.changing(prior);
        sageMaker.stopNotebookInstance(r -> r.notebookInstanceName(resource.name()));
        if (verify) {
            Verification.until(resource.describe() + " stopping", () -> STOPPED.contains(status()));
        }
        return new StepResult.Applied(prior, "stopped " + resource.describe() + " (was " + status
                + "); its volume is kept, release starts it again");
    }
}
