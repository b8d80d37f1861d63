package dev.tourniquet.step.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Set;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobStatus;

/**
 * Terminates one job the contained key submitted (a queued job is cancelled, a running one stopped): irreversible,
 * so planned only where AllowIrreversibleActions is set, last, after the evidence. Recorded: its status before.
 *
 * <p>IAM actions: {@code batch:DescribeJobs}, {@code batch:TerminateJob}. Undo: none; submit it again from the
 * evidence if it was the owner's.
 */
public final class TerminateJob implements dev.tourniquet.step.Step {
    static final Set<JobStatus> ENDED = Set.of(JobStatus.SUCCEEDED, JobStatus.FAILED);

    private final BatchClient batch;
    private final String id;
    private final String region;

    public TerminateJob(BatchClient batch, String id, String region) {
        this.batch = batch;
        this.id = id;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return BatchStepKinds.TERMINATE_JOB;
    }

    @Override
    public String target() {
        return id;
    }

    @Override
    public String undo() {
        return "nothing to undo: a terminated job cannot be resumed; aws batch submit-job --region " + region
                + " with the job's description in the evidence";
    }

    @Override
    public StepResult run(StepContext context) {
        JobDetail before = BatchClients.job(batch, id);
        ObjectNode prior = Json.object().put("region", region).put("jobId", id).put("status", before.statusAsString())
                .put("jobQueue", before.jobQueue());
        if (ENDED.contains(before.status())) {
            return new StepResult.AlreadyApplied(prior, "job " + id + " has ended (" + before.statusAsString() + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would terminate job " + id + " (" + before.statusAsString() + ")");
        }
        context.changing(prior);
        batch.terminateJob(r -> r.jobId(id).reason("Tourniquet incident " + context.incidentId()
                + ": submitted by a contained credential"));
        Verification.until("job " + id + " ended", () -> ENDED.contains(BatchClients.job(batch, id).status()));
        return new StepResult.Applied(prior, "terminated job " + id + " (was " + before.statusAsString() + ")");
    }
}
