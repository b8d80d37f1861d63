package dev.tourniquet.step.sagemaker;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of SageMaker step. Contract stub: the SageMaker part of issue 17 declares them. */
public final class SageMakerStepKinds {
    private SageMakerStepKinds() {}

    public static List<StepKind> all() {
        return List.of();
    }
}
