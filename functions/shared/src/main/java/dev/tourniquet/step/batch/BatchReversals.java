package dev.tourniquet.step.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.Reversal;
import software.amazon.awssdk.services.batch.BatchClient;

/** The undo of the Batch steps ({@link DisableComputeEnvironment}, {@link DisableJobQueue}). */
final class BatchReversals {
    private BatchReversals() {}

    /** Undoes {@code disable-compute-environment}: the recorded vCPU bounds first, then the recorded state. */
    static final class RestoreComputeEnvironment implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            BatchClient batch = BatchClients.batch(clients, prior.path("region").asText());
            String state = prior.path("state").asText("ENABLED");
            boolean managed = prior.has("maxvCpus") && !prior.path("maxvCpus").isNull();
            batch.updateComputeEnvironment(r -> {
                r.computeEnvironment(target).state(state);
                if (managed) {
                    r.computeResources(c -> c.minvCpus(prior.path("minvCpus").asInt())
                            .maxvCpus(prior.path("maxvCpus").asInt()));
                }
            });
            return "compute environment " + target + " back to " + state
                    + (managed ? " with " + prior.path("minvCpus").asInt() + "-" + prior.path("maxvCpus").asInt()
                    + " vCPUs" : "");
        }
    }

    /** Undoes {@code disable-job-queue}: the recorded state. */
    static final class RestoreJobQueue implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            BatchClient batch = BatchClients.batch(clients, prior.path("region").asText());
            String state = prior.path("state").asText("ENABLED");
            batch.updateJobQueue(r -> r.jobQueue(target).state(state));
            return "job queue " + target + " back to " + state;
        }
    }
}
