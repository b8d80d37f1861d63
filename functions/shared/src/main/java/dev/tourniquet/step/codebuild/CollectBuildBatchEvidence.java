package dev.tourniquet.step.codebuild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.step.EvidenceObjects;
import dev.tourniquet.step.EvidenceStep;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

/**
 * Keeps a batch build as it was when caught, in the evidence bucket: the batch ({@code BatchGetBuildBatches}: its
 * source with the buildspec and build matrix it ran, overrides included, its image, compute type, batch restrictions,
 * its build groups naming every build it started, its initiator) and its project ({@code BatchGetProjects}). The
 * CloudTrail record's own buildspec override is in the provenance record. Changes nothing.
 *
 * <p>IAM actions: {@code codebuild:BatchGetBuildBatches}, {@code codebuild:BatchGetProjects}. Undo: nothing to undo.
 */
public final class CollectBuildBatchEvidence implements EvidenceStep {
    private final CodeBuildClient codeBuild;
    private final String batch;
    private final String project;
    private final String region;

    /** @param batch the batch id ({@code PROJECT:UUID}) */
    public CollectBuildBatchEvidence(CodeBuildClient codeBuild, String batch, String project, String region) {
        this.codeBuild = codeBuild;
        this.batch = batch;
        this.project = project;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return CodeBuildStepKinds.COLLECT_BUILD_BATCH_EVIDENCE;
    }

    @Override
    public String target() {
        return batch;
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("region", region).put("project", project).put("buildBatchId", batch);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would store batch build " + batch + " (with the builds it started)"
                    + " and project " + project + " as evidence");
        }
        EvidenceObjects objects = new EvidenceObjects(context.evidence(), prior);
        objects.put("codebuild/build-batch.json", SdkJson.of(codeBuild.batchGetBuildBatches(r -> r.ids(batch))
                .buildBatches()));
        var projects = codeBuild.batchGetProjects(r -> r.names(project)).projects();
        objects.put("codebuild/project.json", SdkJson.of(projects));
        return new StepResult.Applied(prior, "stored " + objects.count() + " evidence object(s) of batch build " + batch
                + (projects.isEmpty() ? " (its project is gone)" : ""));
    }
}
