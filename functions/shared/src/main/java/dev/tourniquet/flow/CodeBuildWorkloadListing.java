package dev.tourniquet.flow;

import dev.tourniquet.signal.CodeBuildBuild;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;
import software.amazon.awssdk.services.codebuild.model.StatusType;

/**
 * CodeBuild builds in progress in a region: {@code codebuild:ListBuilds} newest first (ids only) and
 * {@code codebuild:BatchGetBuilds} a hundred at a time (their {@code startTime} and status). ListBuilds has no time
 * filter and lists every build ever run, so paging stops at the first page whose oldest build started before the span
 * asked for, and never reaches further back than {@link #LONGEST_BUILD}: no build runs longer (CodeBuild's largest
 * {@code timeoutInMinutes}), so an older one has ended.
 */
final class CodeBuildWorkloadListing implements WorkloadListing {
    static final List<String> PERMISSIONS = List.of("codebuild:ListBuilds", "codebuild:BatchGetBuilds");
    /** CodeBuild's largest build timeout, 2,160 minutes. */
    static final Duration LONGEST_BUILD = Duration.ofHours(36);

    private final Function<String, CodeBuildClient> codeBuild;
    private final Clock clock;

    CodeBuildWorkloadListing(Function<String, CodeBuildClient> codeBuild, Clock clock) {
        this.codeBuild = codeBuild;
        this.clock = clock;
    }

    @Override
    public List<Running> running(String region, Instant since, boolean shapes) {
        CodeBuildClient client = codeBuild.apply(region);
        Instant oldest = clock.instant().minus(LONGEST_BUILD);
        Instant from = since.isAfter(oldest) ? since : oldest;
        List<Running> running = new ArrayList<>();
        Iterator<String> ids = client.listBuildsPaginator(r -> r.sortOrder(SortOrderType.DESCENDING)).ids().iterator();
        boolean older = false;
        while (ids.hasNext() && !older) {
            List<String> page = new ArrayList<>();
            while (ids.hasNext() && page.size() < 100) {
                page.add(ids.next());
            }
            for (Build build : client.batchGetBuilds(r -> r.ids(page)).builds()) {
                Instant started = build.startTime();
                older |= started != null && started.isBefore(from);
                if (build.buildStatus() == StatusType.IN_PROGRESS && build.arn() != null) {
                    running.add(new Running(new CodeBuildBuild(build.arn()), EcsWorkloadListing.account(build.arn()),
                            Optional.ofNullable(started), List.of()));
                }
            }
        }
        return running;
    }
}
