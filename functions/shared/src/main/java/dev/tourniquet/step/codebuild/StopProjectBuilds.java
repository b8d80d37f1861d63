package dev.tourniquet.step.codebuild;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import java.util.List;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;
import software.amazon.awssdk.services.codebuild.model.StatusType;

/**
 * Stops every running build of a project the contained key created: the project is the attacker's, so whoever
 * started its builds (a webhook, a schedule, the key itself) they mine for the attacker. Only for a project the key
 * created — a project of the owner's is never stopped through the project; only the builds the key started are.
 * Builds are read newest first ({@code ListBuildsForProject} in descending order); running builds are always among
 * the newest, so reading stops at the first page without one. Its running batch builds are stopped too
 * ({@code ListBuildBatchesForProject} filtered to {@code IN_PROGRESS}, then {@code StopBuildBatch}): a batch goes on
 * starting the builds of its matrix until the batch itself is stopped. The builds are stopped before the batches, so
 * a build is never asked to stop after its batch stopped it. Recorded: the builds and batches it found running.
 *
 * <p>IAM actions: {@code codebuild:ListBuildsForProject}, {@code codebuild:BatchGetBuilds},
 * {@code codebuild:StopBuild}, {@code codebuild:ListBuildBatchesForProject}, {@code codebuild:StopBuildBatch}. Undo: none (a build cannot be resumed); the project itself is left as it is, its
 * buildspec in the evidence.
 */
public final class StopProjectBuilds implements Stopping {
    private final CodeBuildClient codeBuild;
    private final String project;
    private final String region;

    public StopProjectBuilds(CodeBuildClient codeBuild, String project, String region) {
        this.codeBuild = codeBuild;
        this.project = project;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return CodeBuildStepKinds.STOP_PROJECT_BUILDS;
    }

    @Override
    public String target() {
        return project;
    }

    @Override
    public String undo() {
        return "nothing to undo: stopped builds cannot be resumed; aws codebuild start-build --region " + region
                + " --project-name " + project + " starts a new one";
    }

    @Override
    public StepResult run(StepContext context) {
        StepResult first = stopFirst(context);
        if (first instanceof StepResult.Applied applied) {
            Verification.until("builds of project " + project + " stopped", () -> running().isEmpty()
                    && runningBatches().isEmpty());
            return new StepResult.Applied(applied.prior(), applied.detail().replace(" first, before the evidence", ""));
        }
        return first;
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        List<Build> running = running();
        ObjectNode prior = Json.object().put("region", region).put("project", project);
        ArrayNode ids = prior.putArray("runningBuilds");
        running.forEach(b -> ids.add(b.id()));
        List<String> batches = runningBatches();
        ArrayNode batchIds = prior.putArray("runningBuildBatches");
        batches.forEach(batchIds::add);
        if (running.isEmpty() && batches.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no build of project " + project + " is running");
        }
        String what = running.size() + " running build(s) and " + batches.size() + " batch build(s) of project "
                + project;
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop the " + what);
        }
        context.changing(prior);
        running.forEach(b -> codeBuild.stopBuild(r -> r.id(b.id())));
        batches.forEach(id -> codeBuild.stopBuildBatch(r -> r.id(id)));
        return new StepResult.Applied(prior, "stopped the " + what + " first, before the evidence");
    }

    // The project's batches in progress: the API filters by status, so every page holds only running ones.
    private List<String> runningBatches() {
        return codeBuild.listBuildBatchesForProjectPaginator(r -> r.projectName(project)
                .filter(f -> f.status(StatusType.IN_PROGRESS))).ids().stream().toList();
    }

    // Newest first, page by page, until a page holds no running build.
    private List<Build> running() {
        List<Build> running = new java.util.ArrayList<>();
        String token = null;
        do {
            String next = token;
            var page = codeBuild.listBuildsForProject(r -> r.projectName(project).sortOrder(SortOrderType.DESCENDING)
                    .nextToken(next));
            List<Build> found = CodeBuildClients.running(codeBuild, page.ids());
            running.addAll(found);
            token = found.isEmpty() ? null : page.nextToken();
        } while (token != null);
        return running;
    }
}
