package dev.tourniquet.step.batch;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of AWS Batch step: disabling is undone by a release; terminating a job is not (only where allowed). */
public final class BatchStepKinds {
    public static final StepKind DISABLE_COMPUTE_ENVIRONMENT = StepKind.reversible("disable-compute-environment",
            List.of("batch:DescribeComputeEnvironments", "batch:UpdateComputeEnvironment"),
            new BatchReversals.RestoreComputeEnvironment());
    public static final StepKind DISABLE_JOB_QUEUE = StepKind.reversible("disable-job-queue",
            List.of("batch:DescribeJobQueues", "batch:UpdateJobQueue"), new BatchReversals.RestoreJobQueue());
    public static final StepKind TERMINATE_JOB = StepKind.irreversible("terminate-job",
            List.of("batch:DescribeJobs", "batch:TerminateJob"),
            "a terminated job cannot be resumed; its description is in the evidence, to submit it again");
    public static final StepKind COLLECT_BATCH_EVIDENCE = StepKind.irreversible("collect-batch-evidence",
            List.of("batch:DescribeComputeEnvironments", "batch:DescribeJobQueues", "batch:DescribeJobs"),
            "evidence is kept, locked, for the retention period");

    private BatchStepKinds() {}

    public static List<StepKind> all() {
        return List.of(DISABLE_COMPUTE_ENVIRONMENT, DISABLE_JOB_QUEUE, TERMINATE_JOB, COLLECT_BATCH_EVIDENCE);
    }
}
