package dev.tourniquet.step.codebuild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

/**
 * What stopping one build ({@link StopBuild}) and one batch build ({@link StopBuildBatch}) share: read it, leave it
 * alone when it no longer runs, plan or stop it, record its status and phase before, and verify the stop in the full
 * run. Each says how it is read and stopped.
 */
abstract sealed class StopOneRun implements Stopping permits StopBuild, StopBuildBatch {
    final CodeBuildClient codeBuild;
    final String id;
    final String region;
    private final Names names;
    private final StepKind kind;

    /** How the run is named in results and its prior state ({@code build}, {@code buildId}, {@code buildStatus}). */
    record Names(String noun, String idField, String statusField, String plannedTail, String stoppedTail,
                 String startCommand) {}

    /** The run as read before the stop. */
    record Seen(boolean running, String status, String phase) {}

    StopOneRun(CodeBuildClient codeBuild, String id, String region, Names names, StepKind kind) {
        this.codeBuild = codeBuild;
        this.id = id;
        this.region = region;
        this.names = names;
        this.kind = kind;
    }

    /** Reads the run (its absence is a {@link dev.tourniquet.internal.ResourceGoneException}). */
    abstract Seen read();

    /** The one stopping call. */
    abstract void stop();

    @Override
    public StepKind kind() {
        return kind;
    }

    @Override
    public String target() {
        return id;
    }

    @Override
    public String undo() {
        return "nothing to undo: a stopped " + names.noun() + " cannot be resumed; if it was the owner's, aws codebuild "
                + names.startCommand() + " --region " + region + " --project-name " + id.split(":", 2)[0];
    }

    @Override
    public StepResult run(StepContext context) {
        return CodeBuildClients.verified(stopFirst(context), names.noun() + " " + id + " stopped",
                () -> !read().running(), "stopped " + names.noun() + " " + id + names.stoppedTail());
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        Seen before = read();
        ObjectNode prior = Json.object().put("region", region).put(names.idField(), id)
                .put(names.statusField(), before.status()).put("currentPhase", before.phase());
        if (!before.running()) {
            return new StepResult.AlreadyApplied(prior, names.noun() + " " + id + " is not running (" + before.status()
                    + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop " + names.noun() + " " + id + " (in phase "
                    + before.phase() + ")" + names.plannedTail());
        }
        context.changing(prior);
        stop();
        return new StepResult.Applied(prior, "stopped " + names.noun() + " " + id + " first, before the evidence");
    }
}
