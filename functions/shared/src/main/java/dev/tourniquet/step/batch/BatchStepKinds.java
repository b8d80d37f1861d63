package dev.tourniquet.step.batch;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of AWS Batch step. Contract stub: the AWS Batch part of issue 17 declares them. */
public final class BatchStepKinds {
    private BatchStepKinds() {}

    public static List<StepKind> all() {
        return List.of();
    }
}
