package dev.tourniquet.step.batch;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.ResourceGoneException;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobQueueDetail;

/** The workload function's AWS Batch client per region, and the reads its steps and reversals share. */
public final class BatchClients {
    private BatchClients() {}

    public static BatchClient batch(AwsClients clients, String region) {
        return clients.client("batch", region, BatchClient::builder);
    }

    static ComputeEnvironmentDetail environment(BatchClient batch, String arn) {
        return batch.describeComputeEnvironments(r -> r.computeEnvironments(arn)).computeEnvironments().stream()
                .findFirst().orElseThrow(() -> new ResourceGoneException("Batch compute environment " + arn + " is gone"));
    }

    static JobQueueDetail queue(BatchClient batch, String arn) {
        return batch.describeJobQueues(r -> r.jobQueues(arn)).jobQueues().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("Batch job queue " + arn + " is gone"));
    }

    static JobDetail job(BatchClient batch, String id) {
        return batch.describeJobs(r -> r.jobs(id)).jobs().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("Batch job " + id + " is gone"));
    }
}
