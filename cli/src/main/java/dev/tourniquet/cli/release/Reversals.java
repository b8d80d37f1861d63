package dev.tourniquet.cli.release;

import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.ec2.Ec2Reversals;
import dev.tourniquet.step.iam.IamReversals;
import dev.tourniquet.step.lambda.LambdaReversals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@link Reversal} Tourniquet knows, looked up by the id of the step it undoes.
 *
 * <p>{@link #FAMILIES} lists the reversals of each family of steps, one line per family. A function
 * module that brings new steps adds its family there ({@code LambdaReversals.all()} for the quarantine
 * function, {@code Ec2Reversals.all()} for the instance function). Two different reversals claiming the
 * same step id are a mistake caught when the registry is built, never resolved silently.
 */
final class Reversals {

    /** The reversals of each family of steps. */
    static final List<List<Reversal>> FAMILIES = List.of(
            IamReversals.all(),
            LambdaReversals.all(),
            Ec2Reversals.all());

    private final Map<String, Reversal> byStepId;

    Reversals(List<List<Reversal>> families) {
        Map<String, Reversal> map = new LinkedHashMap<>();
        for (List<Reversal> family : families) {
            for (Reversal reversal : family) {
                Reversal earlier = map.putIfAbsent(reversal.stepId(), reversal);
                if (earlier != null && earlier.getClass() != reversal.getClass()) {
                    throw new IllegalStateException("two reversals undo step '" + reversal.stepId() + "': "
                            + earlier.getClass().getName() + " and " + reversal.getClass().getName()
                            + "; keep one in Reversals.FAMILIES");
                }
            }
        }
        this.byStepId = Map.copyOf(map);
    }

    /** The registry of every family in {@link #FAMILIES}. */
    static Reversals known() {
        return new Reversals(FAMILIES);
    }

    Optional<Reversal> forStep(String stepId) {
        return Optional.ofNullable(byStepId.get(stepId));
    }
}
