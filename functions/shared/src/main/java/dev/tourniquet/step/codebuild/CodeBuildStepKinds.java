package dev.tourniquet.step.codebuild;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of CodeBuild step. Contract stub: the CodeBuild part of issue 17 declares them. */
public final class CodeBuildStepKinds {
    private CodeBuildStepKinds() {}

    public static List<StepKind> all() {
        return List.of();
    }
}
