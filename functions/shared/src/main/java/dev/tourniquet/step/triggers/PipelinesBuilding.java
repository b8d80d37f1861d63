package dev.tourniquet.step.triggers;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineSummary;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;

/**
 * The CodePipeline pipelines of a region that build a contained CodeBuild project: a stage action whose provider is
 * {@code CodeBuild} and whose configuration's {@code ProjectName} is the project. A rule or schedule that starts such a
 * pipeline starts the project again, so it is cut like one that starts the project itself.
 *
 * <p>IAM actions: {@code codepipeline:ListPipelines}, {@code codepipeline:GetPipeline}.
 */
final class PipelinesBuilding {
    private PipelinesBuilding() {}

    /** What starts each pipeline building {@code project} (a CodeBuild {@link WorkloadStarts}); nothing for others. */
    static List<WorkloadStarts> of(CodePipelineClient pipelines, WorkloadStarts project) {
        if (!WorkloadStarts.CODEBUILD.equals(project.service())) {
            return List.of();
        }
        String prefix = project.targetArn().substring(0, project.targetArn().lastIndexOf(':') + 1)
                .replace(":codebuild:", ":codepipeline:");
        List<WorkloadStarts> found = new ArrayList<>();
        for (PipelineSummary summary : pipelines.listPipelinesPaginator(r -> { }).pipelines()) {
            GetPipelineResponse pipeline = pipelines.getPipeline(r -> r.name(summary.name()));
            if (builds(pipeline, project.name())) {
                String arn = pipeline.metadata() != null && pipeline.metadata().pipelineArn() != null
                        ? pipeline.metadata().pipelineArn() : prefix + summary.name();
                found.add(new WorkloadStarts(WorkloadStarts.CODEPIPELINE, arn, summary.name(), ""));
            }
        }
        return found;
    }

    static boolean builds(GetPipelineResponse pipeline, String project) {
        for (StageDeclaration stage : pipeline.pipeline().stages()) {
            for (ActionDeclaration action : stage.actions()) {
                if (action.actionTypeId() != null && "CodeBuild".equals(action.actionTypeId().provider())
                        && project.equals(action.configuration().get("ProjectName"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
