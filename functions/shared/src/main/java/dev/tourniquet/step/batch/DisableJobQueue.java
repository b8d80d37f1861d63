package dev.tourniquet.step.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JQState;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;

/**
 * Disables a job queue the contained key created: it accepts no new job, and jobs already in it stay (queued ones
 * are not placed, running ones finish). Recorded: its state before.
 *
 * <p>IAM actions: {@code batch:DescribeJobQueues}, {@code batch:UpdateJobQueue}. Undo: the recorded state comes back
 * ({@link BatchReversals.RestoreJobQueue}).
 */
public final class DisableJobQueue implements Stopping {
    private final BatchClient batch;
    private final String arn;
    private final String region;

    public DisableJobQueue(BatchClient batch, String arn, String region) {
        this.batch = batch;
        this.arn = arn;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return BatchStepKinds.DISABLE_JOB_QUEUE;
    }

    @Override
    public String target() {
        return arn;
    }

    @Override
    public String undo() {
        return "aws batch update-job-queue --region " + region + " --job-queue " + arn + " --state ENABLED";
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied) {
            Verification.until("job queue " + arn + " disabled",
                    () -> BatchClients.queue(batch, arn).state() == JQState.DISABLED);
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        JobQueueDetail before = BatchClients.queue(batch, arn);
        ObjectNode prior = Json.object().put("region", region).put("jobQueueArn", arn)
                .put("state", before.stateAsString());
        if (before.state() == JQState.DISABLED) {
            return new StepResult.AlreadyApplied(prior, "job queue " + arn + " is already disabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable job queue " + arn);
        }
        context.changing(prior);
        batch.updateJobQueue(r -> r.jobQueue(arn).state(JQState.DISABLED));
        return new StepResult.Applied(prior, "disabled job queue " + arn + ": it accepts no new job");
    }
}
