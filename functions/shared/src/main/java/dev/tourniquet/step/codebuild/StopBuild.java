package dev.tourniquet.step.codebuild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
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
public final class StopBuild implements Stopping {
    private final CodeBuildClient codeBuild;
    private final String id;
    private final String region;

    /** @param id the build id ({@code PROJECT:UUID}) */
    public StopBuild(CodeBuildClient codeBuild, String id, String region) {
        this.codeBuild = codeBuild;
        this.id = id;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return CodeBuildStepKinds.STOP_BUILD;
    }

    @Override
    public String target() {
        return id;
    }

    @Override
    public String undo() {
        return "nothing to undo: a stopped build cannot be resumed; if it was the owner's, aws codebuild start-build"
                + " --region " + region + " --project-name " + id.split(":", 2)[0];
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied applied) {
            Verification.until("build " + id + " stopped", () -> !CodeBuildClients.inProgress(
                    CodeBuildClients.build(codeBuild, id)));
            return new StepResult.Applied(applied.prior(), "stopped build " + id + "; it bills nothing more");
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        Build before = CodeBuildClients.build(codeBuild, id);
        ObjectNode prior = Json.object().put("region", region).put("buildId", id)
                .put("buildStatus", String.valueOf(before.buildStatusAsString()))
                .put("currentPhase", before.currentPhase());
        if (!CodeBuildClients.inProgress(before)) {
            return new StepResult.AlreadyApplied(prior, "build " + id + " is not running (" + before.buildStatusAsString()
                    + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop build " + id + " (in phase " + before.currentPhase() + ")");
        }
        context.changing(prior);
        codeBuild.stopBuild(r -> r.id(id));
        return new StepResult.Applied(prior, "stopped build " + id + " first, before the evidence");
    }
}
