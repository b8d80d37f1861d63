package dev.tourniquet.step;

import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.StructuredLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a plan's steps in order. A failing step does not stop the others: each result is kept, and the
 * failure is classified once, here.
 */
public final class StepRunner {
    private static final StructuredLog LOG = StructuredLog.of(StepRunner.class);

    public List<StepOutcome> run(List<Step> steps, StepContext context) {
        List<StepOutcome> outcomes = new ArrayList<>(steps.size());
        for (Step step : steps) {
            long start = System.nanoTime();
            StepResult result;
            StepContext stepContext = context.forStep();
            try {
                result = step.run(stepContext);
            } catch (RuntimeException e) {
                result = new StepResult.Failed(Failure.classify(e), stepContext.startedChange().orElse(null));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            outcomes.add(new StepOutcome(step, result, millis));
            (result instanceof StepResult.Failed ? LOG.warn("step result") : LOG.info("step result"))
                    .with("incident_id", context.incidentId())
                    .with("step", step.id())
                    .with("resource_arn", step.target())
                    .with("step_result", result.word())
                    .with("detail", result.detail())
                    .with("mode", context.mode().id())
                    .with("duration_ms", millis)
                    .log();
        }
        return outcomes;
    }

    /** A step with its result and how long it took. */
    public record StepOutcome(Step step, StepResult result, long millis) {
    }
}
