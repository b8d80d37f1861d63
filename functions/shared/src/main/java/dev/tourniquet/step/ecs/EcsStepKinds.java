package dev.tourniquet.step.ecs;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of ECS step. Contract stub: the ECS part of issue 17 declares them. */
public final class EcsStepKinds {
    private EcsStepKinds() {}

    public static List<StepKind> all() {
        return List.of();
    }
}
