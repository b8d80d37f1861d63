package dev.tourniquet.step;

import java.util.List;

/**
 * The constant identity of a kind of step. Each service's steps declare their kinds as constants of one class
 * in their package ({@code IamStepKinds}, {@code LambdaStepKinds}, {@code Ec2StepKinds},
 * {@code ChainEventStepKinds}); the flow's {@code StepCatalog} collects them all.
 *
 * @param id            stable kebab-case id ({@code deactivate-access-key}) used in logs, plans, evidence and
 *                      incident records, and by which a release finds the reversal; never changed once released
 * @param permissions   every IAM action a step of this kind may call; each must be granted to every function
 *                      that runs it
 * @param reversibility how a release undoes it, or why nothing is undone
 */
public record StepKind(String id, List<String> permissions, Reversibility reversibility) {

    public StepKind {
        if (!id.matches("[a-z]+(-[a-z]+)*")) {
            throw new IllegalArgumentException("a step id is kebab-case: " + id);
        }
        permissions = List.copyOf(permissions);
    }

    /** A kind a release undoes with {@code reversal}. */
    public static StepKind reversible(String id, List<String> permissions, Reversal reversal) {
        return new StepKind(id, permissions, new Reversibility.Reversible(reversal));
    }

    /** A kind nothing undoes, for the reason given (evidence is kept; an announcement cannot be taken back). */
    public static StepKind irreversible(String id, List<String> permissions, String reason) {
        return new StepKind(id, permissions, new Reversibility.Irreversible(reason));
    }
}
