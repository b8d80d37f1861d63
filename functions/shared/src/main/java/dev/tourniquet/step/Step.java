package dev.tourniquet.step;

import java.util.List;

/**
 * One containment or evidence action on exactly one resource.
 *
 * <p>Contract: read the prior state; return {@link StepResult.AlreadyApplied} if the resource is already
 * contained; in plan mode return {@link StepResult.Planned} and change nothing; otherwise apply, verify by
 * re-reading, and return {@link StepResult.Applied} with the prior state so the change can be undone.
 * AWS failures are thrown as they come: the {@link StepRunner} classifies them in one place.
 */
public interface Step {

    /** What kind of step this is: its id, IAM actions and reversal. */
    StepKind kind();

    /** A stable kebab-case id used in logs, evidence and plans ({@code deactivate-access-key}). */
    default String id() {
        return kind().id();
    }

    /** The one resource this step acts on (a key id, an ARN, an instance id). */
    String target();

    /**
     * Every IAM action this step may call; each must be granted to the function that runs it. Its kind's,
     * unless a step also reads something at run time to decide (it then says so and adds those reads).
     */
    default List<String> permissions() {
        return kind().permissions();
    }

    /** How to undo this step by hand, or why it needs no undoing (evidence). */
    String undo();

    StepResult run(StepContext context);
}
