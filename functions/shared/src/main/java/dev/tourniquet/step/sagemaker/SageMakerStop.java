package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What stopping one SageMaker resource shares: its status read (and recorded), nothing to do when it is stopping or
 * stopped already or has ended, the one stop call, then (in a full {@link #run}) re-reading until it shows.
 */
abstract class SageMakerStop extends SageMakerStep implements Stopping {
    static final Set<String> STOPPED = Set.of("Stopping", "Stopped");

    /** The statuses in which nothing runs any more, and nothing is stopped. */
    protected final Set<String> ended;
    private final String afterStop;

    /** @param afterStop what the applied result adds: what is kept, and whether it can come back */
    SageMakerStop(SageMakerClient sageMaker, SageMakerResource resource, Set<String> ended, String afterStop) {
        super(sageMaker, resource);
        this.ended = ended;
        this.afterStop = afterStop;
    }

    /** The one call that stops the resource. */
    protected abstract void requestStop();

    /** Why a resource in an {@link #ended} status is left alone. */
    protected abstract String endedNote(String status);

    /**
     * Throws when the stop cannot be asked for yet in this status, and can be later: the delivery is retried (a
     * transient failure). None by default.
     */
    protected void ensureStoppableNow(String status) {
    }

    /** Whether a status re-read after the stop call shows it. */
    protected boolean stopped(String status) {
        return STOPPED.contains(status);
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
        if (ended.contains(status)) {
            return new StepResult.Skipped(resource.describe() + " " + endedNote(status));
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop " + resource.describe() + " (" + status + ")");
        }
        ensureStoppableNow(status);
        context.changing(prior);
        requestStop();
        if (verify) {
            Verification.until(resource.describe() + " stopping", () -> stopped(status()));
        }
        return new StepResult.Applied(prior, "stopped " + resource.describe() + " (was " + status + "); "
                + afterStop);
    }
}
