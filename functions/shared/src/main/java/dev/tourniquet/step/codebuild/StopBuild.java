package dev.tourniquet.step.codebuild;

import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;

/**
 * Stops one build the contained key started: from the stop on, its container is torn down and it bills nothing more.
 * Exactly the build named: another build of the same project (the owner's CI) is never touched. Recorded: its status
 * and phase before.
 *
 * <p>IAM actions: {@code codebuild:BatchGetBuilds}, {@code codebuild:StopBuild}. Undo: none (a build cannot be
 * resumed); if it was the owner's, start it again ({@code aws codebuild start-build --project-name P}) with what the
 * evidence kept.
 */
public final class StopBuild extends StopOneRun {
    private static final Names NAMES = new Names("build", "buildId", "buildStatus", "", "; it bills nothing more",
            "start-build");

    /** @param id the build id ({@code PROJECT:UUID}) */
    public StopBuild(CodeBuildClient codeBuild, String id, String region) {
        super(codeBuild, id, region, NAMES, CodeBuildStepKinds.STOP_BUILD);
    }

    @Override
    Seen read() {
        Build build = CodeBuildClients.build(codeBuild, id);
        return new Seen(CodeBuildClients.inProgress(build), String.valueOf(build.buildStatusAsString()),
                build.currentPhase());
    }

    @Override
    void stop() {
        codeBuild.stopBuild(r -> r.id(id));
    }
}
