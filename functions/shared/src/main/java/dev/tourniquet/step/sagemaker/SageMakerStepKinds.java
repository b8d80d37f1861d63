package dev.tourniquet.step.sagemaker;

import dev.tourniquet.step.StepKind;
import java.util.List;

/**
 * The kinds of SageMaker step: each one's id, IAM actions and reversal. A stopped notebook is started again by a
 * release ({@link SageMakerReversals.StartNotebookInstance}); a stopped job cannot be resumed and a deleted endpoint is
 * created again by a person, from what the incident recorded.
 */
public final class SageMakerStepKinds {
    private static final String UNRESUMABLE = "SageMaker cannot resume a stopped job: its description is kept as"
            + " evidence so that a person can create it again";

    public static final StepKind STOP_TRAINING_JOB = StepKind.irreversible("stop-sagemaker-training-job",
            List.of("sagemaker:DescribeTrainingJob", "sagemaker:StopTrainingJob"), UNRESUMABLE);
    public static final StepKind STOP_PROCESSING_JOB = StepKind.irreversible("stop-sagemaker-processing-job",
            List.of("sagemaker:DescribeProcessingJob", "sagemaker:StopProcessingJob"), UNRESUMABLE);
    public static final StepKind STOP_TRANSFORM_JOB = StepKind.irreversible("stop-sagemaker-transform-job",
            List.of("sagemaker:DescribeTransformJob", "sagemaker:StopTransformJob"), UNRESUMABLE);
    public static final StepKind STOP_NOTEBOOK_INSTANCE = StepKind.reversible("stop-notebook-instance",
            List.of("sagemaker:DescribeNotebookInstance", "sagemaker:StopNotebookInstance"),
            new SageMakerReversals.StartNotebookInstance());
    public static final StepKind COLLECT_SAGEMAKER_EVIDENCE = StepKind.irreversible("collect-sagemaker-evidence",
            List.of("sagemaker:DescribeTrainingJob", "sagemaker:DescribeProcessingJob",
                    "sagemaker:DescribeTransformJob", "sagemaker:DescribeNotebookInstance",
                    "sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig"),
            "evidence is kept: the descriptions stay in the evidence bucket");
    public static final StepKind DELETE_SAGEMAKER_ENDPOINT = StepKind.irreversible("delete-sagemaker-endpoint",
            List.of("sagemaker:DescribeEndpoint", "sagemaker:DescribeEndpointConfig", "sagemaker:DeleteEndpoint"),
            "a deleted endpoint is gone (only where AllowIrreversibleActions allows it): its endpoint configuration is"
                    + " kept and recorded in the prior state, so a person can create it again");

    private SageMakerStepKinds() {}

    public static List<StepKind> all() {
        return List.of(STOP_TRAINING_JOB, STOP_PROCESSING_JOB, STOP_TRANSFORM_JOB, STOP_NOTEBOOK_INSTANCE,
                COLLECT_SAGEMAKER_EVIDENCE, DELETE_SAGEMAKER_ENDPOINT);
    }
}
