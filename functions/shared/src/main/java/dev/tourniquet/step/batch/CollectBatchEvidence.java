package dev.tourniquet.step.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.signal.BatchResource;
import dev.tourniquet.step.EvidenceObjects;
import dev.tourniquet.step.EvidenceStep;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * Keeps a Batch compute environment, job queue or job as it was when caught in the evidence bucket: its full
 * description (an environment's instance types, capacity and roles; a queue's environments; a job's definition,
 * command and container overrides). Changes nothing.
 *
 * <p>IAM actions: {@code batch:DescribeComputeEnvironments}, {@code batch:DescribeJobQueues},
 * {@code batch:DescribeJobs} (one of them, by kind). Undo: nothing to undo.
 */
public final class CollectBatchEvidence implements EvidenceStep {
    private final BatchClient batch;
    private final BatchResource resource;

    public CollectBatchEvidence(BatchClient batch, BatchResource resource) {
        this.batch = batch;
        this.resource = resource;
    }

    @Override
    public StepKind kind() {
        return BatchStepKinds.COLLECT_BATCH_EVIDENCE;
    }

    @Override
    public String target() {
        return resource.arn();
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("region", resource.region()).put("arn", resource.arn());
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would store the description of " + resource.describe()
                    + " as evidence");
        }
        String name = "batch/" + resource.kind().type().substring("batch-".length()) + ".json";
        Object description = switch (resource.kind()) {
            case COMPUTE_ENVIRONMENT -> batch.describeComputeEnvironments(r -> r.computeEnvironments(resource.arn()))
                    .computeEnvironments();
            case JOB_QUEUE -> batch.describeJobQueues(r -> r.jobQueues(resource.arn())).jobQueues();
            case JOB -> batch.describeJobs(r -> r.jobs(resource.name())).jobs();
        };
        new EvidenceObjects(context.evidence(), prior).put(name, SdkJson.of(description));
        return new StepResult.Applied(prior, "stored the description of " + resource.describe() + " as evidence");
    }
}
