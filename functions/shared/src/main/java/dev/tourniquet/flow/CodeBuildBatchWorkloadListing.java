package dev.tourniquet.flow;

import dev.tourniquet.signal.CodeBuildBuildBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BuildBatch;
import software.amazon.awssdk.services.codebuild.model.StatusType;

/**
 * CodeBuild batch builds in progress in a region, each listed as the batch (what stops it; the builds it runs are
 * listed as builds by {@link CodeBuildWorkloadListing}): {@code codebuild:ListBuildBatches} filtered by status, so only
 * running batches are read whatever {@code since} says, and {@code codebuild:BatchGetBuildBatches} a hundred at a time
 * for their ARN and {@code startTime}. A listing of its own, so that a region or endpoint without batch builds leaves
 * the builds listed ({@link WorkloadListings} skips a listing that fails).
 */
final class CodeBuildBatchWorkloadListing implements WorkloadListing {
    static final List<String> PERMISSIONS = List.of("codebuild:ListBuildBatches", "codebuild:BatchGetBuildBatches");

    private final Function<String, CodeBuildClient> codeBuild;

    CodeBuildBatchWorkloadListing(Function<String, CodeBuildClient> codeBuild) {
        this.codeBuild = codeBuild;
    }

    @Override
    public List<Running> running(String region, Instant since, boolean shapes) {
        CodeBuildClient client = codeBuild.apply(region);
        List<String> ids = client.listBuildBatchesPaginator(r -> r.filter(f -> f.status(StatusType.IN_PROGRESS)))
                .ids().stream().toList();
        List<Running> running = new ArrayList<>();
        for (List<String> page : WorkloadListing.chunks(ids, 100)) {
            for (BuildBatch batch : client.batchGetBuildBatches(r -> r.ids(page)).buildBatches()) {
                if (batch.buildBatchStatus() == StatusType.IN_PROGRESS && batch.arn() != null) {
                    running.add(new Running(new CodeBuildBuildBatch(batch.arn()),
                            EcsWorkloadListing.account(batch.arn()), Optional.ofNullable(batch.startTime()), List.of()));
                }
            }
        }
        return running;
    }
}
