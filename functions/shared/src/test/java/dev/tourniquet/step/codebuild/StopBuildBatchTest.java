package dev.tourniquet.step.codebuild;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Mode;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.codebuild.model.StatusType;

/** A batch build the key started is stopped as a batch, once; a project the key created has its batches stopped too. */
class StopBuildBatchTest {
    private static final String BATCH = "ci-cache-warmup:5a7c9e1b";
    private static final String OWNERS = "ci:9d1f3b5d";

    private static StepContext context(Mode mode) {
        return new StepContext("inc-1", mode, Instant.EPOCH, null);
    }

    @Test
    void run_batchInProgress_isStoppedAsABatch_andOnlyIt() {
        BatchBuildsFake codeBuild = new BatchBuildsFake().with(BATCH, StatusType.IN_PROGRESS)
                .with("ci-cache-warmup:7e9a1c3e", StatusType.IN_PROGRESS);

        StepResult result = new StopBuildBatch(codeBuild, BATCH, "ap-southeast-1").run(context(Mode.ENFORCE));

        assertThat(result).isInstanceOfSatisfying(StepResult.Applied.class, a -> {
            assertThat(a.prior().path("buildBatchStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(a.prior().path("buildBatchId").asText()).isEqualTo(BATCH);
        });
        assertThat(codeBuild.calls).containsOnlyOnce("StopBuildBatch=" + BATCH)
                .doesNotContain("StopBuildBatch=ci-cache-warmup:7e9a1c3e");
        assertThat(codeBuild.batches).containsEntry("ci-cache-warmup:7e9a1c3e", StatusType.IN_PROGRESS);
    }

    @ParameterizedTest
    @EnumSource(value = StatusType.class, names = {"STOPPED", "SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT"})
    void run_batchNoLongerInProgress_isAlreadyApplied_andNotStoppedAgain(StatusType status) {
        BatchBuildsFake codeBuild = new BatchBuildsFake().with(BATCH, status);

        StepResult result = new StopBuildBatch(codeBuild, BATCH, "ap-southeast-1").run(context(Mode.ENFORCE));

        assertThat(result).isInstanceOf(StepResult.AlreadyApplied.class);
        assertThat(codeBuild.calls).noneMatch(c -> c.startsWith("StopBuildBatch"));
    }

    @Test
    void run_twice_stopsOnce() {
        BatchBuildsFake codeBuild = new BatchBuildsFake().with(BATCH, StatusType.IN_PROGRESS);
        StopBuildBatch step = new StopBuildBatch(codeBuild, BATCH, "ap-southeast-1");

        step.run(context(Mode.ENFORCE));
        StepResult again = step.run(context(Mode.ENFORCE));

        assertThat(again).isInstanceOf(StepResult.AlreadyApplied.class);
        assertThat(codeBuild.calls.stream().filter(c -> c.startsWith("StopBuildBatch"))).hasSize(1);
    }

    @Test
    void run_planMode_changesNothing() {
        BatchBuildsFake codeBuild = new BatchBuildsFake().with(BATCH, StatusType.IN_PROGRESS);

        StepResult result = new StopBuildBatch(codeBuild, BATCH, "ap-southeast-1").run(context(Mode.PLAN));

        assertThat(result).isInstanceOf(StepResult.Planned.class);
        assertThat(codeBuild.batches).containsEntry(BATCH, StatusType.IN_PROGRESS);
        assertThat(codeBuild.calls).containsExactly("BatchGetBuildBatches");
    }

    @Test
    void stopProjectBuilds_projectTheKeyCreated_stopsItsRunningBatches_notAnotherProjects() {
        BatchBuildsFake codeBuild = new BatchBuildsFake().with(BATCH, StatusType.IN_PROGRESS)
                .with("ci-cache-warmup:0b2d4f6a", StatusType.SUCCEEDED).with(OWNERS, StatusType.IN_PROGRESS);

        StepResult result = new StopProjectBuilds(codeBuild, "ci-cache-warmup", "ap-southeast-1")
                .run(context(Mode.ENFORCE));

        assertThat(result).isInstanceOfSatisfying(StepResult.Applied.class, a -> assertThat(a.prior()
                .path("runningBuildBatches").toString()).isEqualTo("[\"" + BATCH + "\"]"));
        assertThat(codeBuild.calls).containsOnlyOnce("StopBuildBatch=" + BATCH)
                .noneMatch(c -> c.equals("StopBuildBatch=" + OWNERS) || c.equals("StopBuildBatch=ci-cache-warmup:0b2d4f6a"));
        assertThat(new StopProjectBuilds(codeBuild, "ci-cache-warmup", "ap-southeast-1").run(context(Mode.ENFORCE)))
                .isInstanceOf(StepResult.AlreadyApplied.class);
    }

    @Test
    void evidence_keepsTheBatch_inPlanModeOnlyPlans() {
        StepResult planned = new CollectBuildBatchEvidence(new BatchBuildsFake().with(BATCH, StatusType.STOPPED), BATCH,
                "ci-cache-warmup", "ap-southeast-1").run(context(Mode.PLAN));

        assertThat(planned).isInstanceOfSatisfying(StepResult.Planned.class, p -> assertThat(p.detail())
                .contains("batch build " + BATCH));
    }
}
