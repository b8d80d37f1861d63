package dev.tourniquet.step.codebuild;

import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;

/**
 * Stops one batch build the contained key started ({@code StopBuildBatch}): the batch stops its running builds and
 * starts no more. Stopping its builds one by one would not do: the batch goes on starting the rest of its matrix.
 * Exactly the batch named; another batch or build of the same project is never touched. A batch no longer in progress
 * (stopped, succeeded, failed) is left as it is. Recorded: its status and phase before.
 *
 * <p>IAM actions: {@code codebuild:BatchGetBuildBatches}, {@code codebuild:StopBuildBatch}. Undo: none (a batch cannot
 * be resumed); if it was the owner's, start it again ({@code aws codebuild start-build-batch --project-name P}).
 */
public final class StopBuildBatch extends StopOneRun {
    private static final Names NAMES = new Names("batch build", "buildBatchId", "buildBatchStatus",
            " and so every build it runs", "; it starts no more builds and bills nothing more", "start-build-batch");

    /** @param id the batch id ({@code PROJECT:UUID}) */
    public StopBuildBatch(CodeBuildClient codeBuild, String id, String region) {
        super(codeBuild, id, region, NAMES, CodeBuildStepKinds.STOP_BUILD_BATCH);
    }

    @Override
    Seen read() {
        BuildBatch batch = CodeBuildClients.buildBatch(codeBuild, id);
        return new Seen(CodeBuildClients.inProgress(batch), String.valueOf(batch.buildBatchStatusAsString()),
                batch.currentPhase());
    }

    @Override
    void stop() {
        codeBuild.stopBuildBatch(r -> r.id(id));
    }
}
