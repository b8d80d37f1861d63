package dev.tourniquet.step;

/**
 * A step whose one rate-limited call stops a resource's spend (reserved concurrency 0), which a sweep makes for every
 * resource first, before any evidence or trigger cut (stop first, paperwork after). Its prior state is read through
 * calls with quotas of their own; verifying the change is left to the step's full {@link #run} in the incident that
 * follows, which then finds it done ({@code already_applied}).
 */
public interface Stopping extends Step {

    /**
     * The stopping call alone: {@link StepResult.Applied} with the true prior state, {@link StepResult.AlreadyApplied}
     * when the resource is stopped already, {@link StepResult.Planned} in plan mode (nothing changes). AWS failures are
     * thrown, as from {@link #run}.
     */
    StepResult stopFirst(StepContext context);
}
