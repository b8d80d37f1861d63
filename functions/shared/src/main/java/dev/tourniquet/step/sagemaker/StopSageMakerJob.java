package dev.tourniquet.step.sagemaker;

import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepKind;
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
public final class StopSageMakerJob extends SageMakerStop {

    public StopSageMakerJob(SageMakerClient sageMaker, SageMakerResource job) {
        super(sageMaker, job, Set.of("Completed", "Failed"), "SageMaker cannot resume it");
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
    protected void requestStop() {
        String name = resource.name();
        switch (resource.kind()) {
            case TRAINING_JOB -> sageMaker.stopTrainingJob(r -> r.trainingJobName(name));
            case PROCESSING_JOB -> sageMaker.stopProcessingJob(r -> r.processingJobName(name));
            default -> sageMaker.stopTransformJob(r -> r.transformJobName(name));
        }
    }

    @Override
    protected String endedNote(String status) {
        return "has already ended (" + status + "): nothing runs";
    }

    // A job may also end by itself meanwhile: either way nothing runs any more.
    @Override
    protected boolean stopped(String status) {
        return super.stopped(status) || ended.contains(status);
    }
}
