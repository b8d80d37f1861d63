package dev.tourniquet.step.codebuild;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.ResourceGoneException;
import java.util.List;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
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

    static boolean inProgress(Build build) {
        return build.buildStatus() == StatusType.IN_PROGRESS;
    }
}
