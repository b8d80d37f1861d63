package dev.tourniquet.step.codebuild;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepResult;
import java.util.List;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;
import software.amazon.awssdk.services.codebuild.model.StatusType;

/** The workload function's CodeBuild client per region, and the reads its steps share. */
public final class CodeBuildClients {
    private CodeBuildClients() {}

    public static CodeBuildClient codeBuild(AwsClients clients, String region) {
        return clients.client("codebuild", region, CodeBuildClient::builder);
    }

    /** The build, or {@link ResourceGoneException} when CodeBuild no longer knows it (builds expire after a year). */
    static Build build(CodeBuildClient codeBuild, String id) {
        return codeBuild.batchGetBuilds(r -> r.ids(id)).builds().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("CodeBuild build " + id + " is gone"));
    }

    /** The builds among {@code ids} still running (BatchGetBuilds takes at most 100 ids a call). */
    static List<Build> running(CodeBuildClient codeBuild, List<String> ids) {
        List<Build> running = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> page = ids.subList(from, Math.min(ids.size(), from + 100));
            codeBuild.batchGetBuilds(r -> r.ids(page)).builds().stream().filter(CodeBuildClients::inProgress)
                    .forEach(running::add);
        }
        return running;
    }

    /** The batch build, or {@link ResourceGoneException} when CodeBuild no longer knows it. */
    static BuildBatch buildBatch(CodeBuildClient codeBuild, String id) {
        return codeBuild.batchGetBuildBatches(r -> r.ids(id)).buildBatches().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("CodeBuild batch build " + id + " is gone"));
    }

    static boolean inProgress(BuildBatch batch) {
        return batch.buildBatchStatus() == StatusType.IN_PROGRESS;
    }

    /**
     * {@code first} as it is, unless it applied a stop: then the stop is verified ({@code stopped} holds within the
     * verification window, else the step fails and is retried) and the result says so in {@code detail}.
     */
    static StepResult verified(StepResult first, String what, java.util.function.BooleanSupplier stopped,
                               String detail) {
        if (first instanceof StepResult.Applied applied) {
            Verification.until(what, stopped);
            return new StepResult.Applied(applied.prior(), detail);
        }
        return first;
    }

    static boolean inProgress(Build build) {
        return build.buildStatus() == StatusType.IN_PROGRESS;
    }
}
