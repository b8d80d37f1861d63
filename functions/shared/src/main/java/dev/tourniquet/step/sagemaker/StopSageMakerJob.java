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
 * Stops a SageMaker training, processing or transform job that is in progress: its instances are released and the
 * spend ends. A job that completed or failed is left as it is. SageMaker cannot resume a stopped job: the job's whole
 * description is kept as evidence ({@link CollectSageMakerEvidence}) so that a person can create it again.
 *
 * <p>IAM actions: {@code sagemaker:Describe<Kind>Job}, {@code sagemaker:Stop<Kind>Job}. Undo: none (see
 * {@link #undo()}).
 */
public final class StopSageMakerJob extends SageMakerStep implements Stopping {
    private static final Set<String> STOPPED = Set.of("Stopping", "Stopped");
    private static final Set<String> ENDED = Set.of("Completed", "Failed");

    public StopSageMakerJob(SageMakerClient sageMaker, SageMakerResource job) {
        super(sageMaker, job);
        if (job.kind() == SageMakerResource.Kind.NOTEBOOK_INSTANCE || job.kind() == SageMakerResource.Kind.ENDPOINT) {
            throw new IllegalArgumentException("not a SageMaker job: " + job.arn());
        }
    }

    @Override
    public StepKind kind() {
        return switch (resource.kind()) {
            case TRAINING_JOB -> SageMakerStepKinds.STOP_TRAINING_JOB;
            case PROCESSING_JOB -> SageMakerStepKinds.STOP_PROCESSING_JOB;
            default -> SageMakerStepKinds.STOP_TRANSFORM_JOB;
        };
    }

    @Override
    public String undo() {
        return "none: SageMaker cannot resume a stopped " + resource.kind().arnResource().replace('-', ' ')
                + "; create it again from its description in the incident's evidence (aws sagemaker create-"
                + resource.kind().arnResource() + " --region " + resource.region() + " --cli-input-json …)";
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
            return new StepResult.Skipped(resource.describe() + " has already ended (" + status + "): nothing runs");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop " + resource.describe() + " (" + status + ")");
        }
        context.changing(prior);
        String name = resource.name();
        switch (resource.kind()) {
            case TRAINING_JOB -> sageMaker.stopTrainingJob(r -> r.trainingJobName(name));
            case PROCESSING_JOB -> sageMaker.stopProcessingJob(r -> r.processingJobName(name));
            default -> sageMaker.stopTransformJob(r -> r.transformJobName(name));
        }
        if (verify) {
            // A job may also end by itself meanwhile: either way nothing runs any more.
            Verification.until(resource.describe() + " stopping", () -> {
                String now = status();
                return STOPPED.contains(now) || ENDED.contains(now);
            });
        }
        return new StepResult.Applied(prior, "stopped " + resource.describe() + " (was " + status
                + "); SageMaker cannot resume it");
    }
}
