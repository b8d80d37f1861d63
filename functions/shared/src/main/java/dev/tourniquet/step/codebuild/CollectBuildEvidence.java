package dev.tourniquet.step.codebuild;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.step.EvidenceObjects;
import dev.tourniquet.step.EvidenceStep;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

/**
 * Keeps a build, or a project, as it was when caught, in the evidence bucket: the build ({@code BatchGetBuilds}: its
 * source with the buildspec it ran, overrides included, its image, compute type, environment variables as CodeBuild
 * returns them, its initiator) and its project ({@code BatchGetProjects}: the buildspec written into it). The
 * CloudTrail record's own buildspec override is in the provenance record. Changes nothing.
 *
 * <p>IAM actions: {@code codebuild:BatchGetBuilds}, {@code codebuild:BatchGetProjects}. Undo: nothing to undo.
 */
public final class CollectBuildEvidence implements EvidenceStep {
    private final CodeBuildClient codeBuild;
    private final Optional<String> build;
    private final String project;
    private final String region;

    /** @param build the build id, or empty to keep the project alone */
    public CollectBuildEvidence(CodeBuildClient codeBuild, Optional<String> build, String project, String region) {
        this.codeBuild = codeBuild;
        this.build = build;
        this.project = project;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return CodeBuildStepKinds.COLLECT_BUILD_EVIDENCE;
    }

    @Override
    public String target() {
        return build.orElse(project);
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("region", region).put("project", project);
        build.ifPresent(b -> prior.put("buildId", b));
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would store " + (build.isPresent() ? "build " + build.get()
                    + " and " : "") + "project " + project + " (with its buildspec) as evidence");
        }
        EvidenceObjects objects = new EvidenceObjects(context.evidence(), prior);
        build.ifPresent(b -> objects.put("codebuild/build.json", SdkJson.of(codeBuild.batchGetBuilds(r -> r.ids(b))
                .builds())));
        var projects = codeBuild.batchGetProjects(r -> r.names(project)).projects();
        objects.put("codebuild/project.json", SdkJson.of(projects));
        return new StepResult.Applied(prior, "stored " + objects.count() + " evidence object(s) of " + target()
                + (projects.isEmpty() ? " (its project is gone)" : ""));
    }
}
