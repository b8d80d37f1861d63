package dev.tourniquet.step.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.CEState;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;
import software.amazon.awssdk.services.batch.model.ComputeResource;

/**
 * Disables a compute environment the contained key created and sets its maximum (and minimum) vCPUs to 0: its queues
 * place no job on it and it launches no instance; Batch scales it in as its jobs end. Jobs already running keep
 * running (Batch does not stop them): terminating those is {@link TerminateJob}'s, only where irreversible actions
 * are allowed. An unmanaged environment has no capacity of its own: it is only disabled. Recorded: the state and the
 * minimum, maximum and desired vCPUs before.
 *
 * <p>IAM actions: {@code batch:DescribeComputeEnvironments}, {@code batch:UpdateComputeEnvironment}. Undo: the
 * recorded state and vCPU bounds come back ({@link BatchReversals.RestoreComputeEnvironment}).
 *
 * @see <a href="https://docs.aws.amazon.com/batch/latest/APIReference/API_UpdateComputeEnvironment.html">
 *     UpdateComputeEnvironment</a>
 */
public final class DisableComputeEnvironment implements Stopping {
    private final BatchClient batch;
    private final String arn;
    private final String region;

    public DisableComputeEnvironment(BatchClient batch, String arn, String region) {
        this.batch = batch;
        this.arn = arn;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return BatchStepKinds.DISABLE_COMPUTE_ENVIRONMENT;
    }

    @Override
    public String target() {
        return arn;
    }

    @Override
    public String undo() {
        return "aws batch update-compute-environment --region " + region + " --compute-environment " + arn
                + " --state ENABLED --compute-resources minvCpus=N,maxvCpus=M with the recorded values";
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied applied) {
            Verification.until("compute environment " + arn + " disabled at 0 vCPUs",
                    () -> contained(BatchClients.environment(batch, arn)));
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        ComputeEnvironmentDetail before = BatchClients.environment(batch, arn);
        ComputeResource resources = before.computeResources();
        ObjectNode prior = Json.object().put("region", region).put("computeEnvironmentArn", arn)
                .put("state", before.stateAsString()).put("type", before.typeAsString());
        if (resources != null) {
            prior.put("minvCpus", resources.minvCpus()).put("maxvCpus", resources.maxvCpus())
                    .put("desiredvCpus", resources.desiredvCpus());
        }
        if (contained(before)) {
            return new StepResult.AlreadyApplied(prior, "compute environment " + arn + " is already disabled"
                    + (resources == null ? "" : " at 0 vCPUs"));
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable compute environment " + arn
                    + (resources == null ? "" : " and set its max vCPUs from " + resources.maxvCpus() + " to 0"));
        }
        context.changing(prior);
        batch.updateComputeEnvironment(r -> {
            r.computeEnvironment(arn).state(CEState.DISABLED);
            if (resources != null) {
                r.computeResources(c -> c.minvCpus(0).maxvCpus(0));
            }
        });
        return new StepResult.Applied(prior, "disabled compute environment " + arn
                + (resources == null ? "" : " at 0 vCPUs (was max " + resources.maxvCpus() + ")")
                + "; its running jobs are not stopped by this");
    }

    private static boolean contained(ComputeEnvironmentDetail environment) {
        ComputeResource resources = environment.computeResources();
        return environment.state() == CEState.DISABLED && (resources == null
                || resources.maxvCpus() != null && resources.maxvCpus() == 0);
    }
}
