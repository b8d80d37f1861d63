package dev.tourniquet.step.codebuild;

import dev.tourniquet.step.StepKind;
import java.util.List;

/**
 * The kinds of CodeBuild step. A stopped build cannot be resumed (CodeBuild has no such call): what it ran is kept as
 * evidence, from which a person starts it again if it was the owner's.
 */
public final class CodeBuildStepKinds {
    private static final String NO_RESUME = "a stopped build cannot be resumed; its buildspec, image and compute type are"
            + " in the evidence, to start it again with StartBuild if it was the owner's";

    public static final StepKind STOP_BUILD = StepKind.irreversible("stop-build",
            List.of("codebuild:BatchGetBuilds", "codebuild:StopBuild"), NO_RESUME);
    public static final StepKind STOP_BUILD_BATCH = StepKind.irreversible("stop-build-batch",
            List.of("codebuild:BatchGetBuildBatches", "codebuild:StopBuildBatch"), NO_RESUME);
    public static final StepKind STOP_PROJECT_BUILDS = StepKind.irreversible("stop-project-builds",
            List.of("codebuild:ListBuildsForProject", "codebuild:BatchGetBuilds", "codebuild:StopBuild",
                    "codebuild:ListBuildBatchesForProject", "codebuild:StopBuildBatch"), NO_RESUME);
    public static final StepKind COLLECT_BUILD_EVIDENCE = StepKind.irreversible("collect-build-evidence",
            List.of("codebuild:BatchGetBuilds", "codebuild:BatchGetProjects"),
            "evidence is kept, locked, for the retention period");
    public static final StepKind COLLECT_BUILD_BATCH_EVIDENCE = StepKind.irreversible("collect-build-batch-evidence",
            List.of("codebuild:BatchGetBuildBatches", "codebuild:BatchGetProjects"),
            "evidence is kept, locked, for the retention period");

    private CodeBuildStepKinds() {}

    public static List<StepKind> all() {
        return List.of(STOP_BUILD, STOP_BUILD_BATCH, STOP_PROJECT_BUILDS, COLLECT_BUILD_EVIDENCE,
                COLLECT_BUILD_BATCH_EVIDENCE);
    }
}
