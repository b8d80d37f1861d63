package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CodeBuild end to end (README "CodeBuild"): the CloudTrail records of a key's StartBuild, StartBuildBatch and
 * CreateProject reach
 * record-provenance; when the key is contained, the workload sweep stops exactly the builds it started and the
 * running builds of the project it created, and keeps them as evidence; a build someone else started from the owner's
 * project is never touched. Running builds are shown by {@link BuildBatchStandIn} (moto finishes every build on read),
 * and batch builds served by it alone (moto has none).
 */
class CodeBuildIT {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String OTHER_KEY = "AKIAOTHERKEY00000000";

    @Test
    void sweep_stopsTheBuildTheKeyStarted_andNeverTheOwnersBuildOfTheSameProject() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        scene.project("ci");
        String miner = scene.build("ci");
        String owners = scene.build("ci");
        scene.deliver(BuildBatchScene.startBuild(miner, KEY));
        scene.deliver(BuildBatchScene.startBuild(owners, OTHER_KEY));

        List<JsonNode> incidents = scene.contain(KEY);

        JsonNode incident = BuildBatchScene.incidentOf(incidents, buildArn(miner));
        // The sweep stops every workload first (stop first, paperwork after); the incident's own run then finds it
        // stopped, and keeps the evidence.
        assertThat(InstanceScene.results(incident)).containsEntry("stop-build", "already_applied")
                .containsEntry("collect-build-evidence", "applied");
        assertThat(incidents).hasSize(1);
        assertThat(scene.standIn().stopped(miner)).isTrue();
        assertThat(scene.standIn().stopped(owners)).as("the owner's build of the same project").isFalse();
        assertThat(scene.codeBuildAsSeen().batchGetBuilds(r -> r.ids(owners)).builds().get(0).buildStatusAsString())
                .isEqualTo("IN_PROGRESS");
        new EvidenceCheck(scene.emulator, incident.path("incidentId").asText())
                .assertLockedAndHashed(java.util.Set.of("codebuild/build.json", "codebuild/project.json"));
        scene.assertLeastPrivilege();
    }

    @Test
    void sweep_stopsTheBatchBuildTheKeyStarted_asABatch_andNeverTheOwnersBatchOfTheSameProject() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        scene.project("ci");
        String miner = scene.buildBatch("ci");
        String owners = scene.buildBatch("ci");
        scene.deliver(BuildBatchScene.startBuildBatch(miner, KEY));
        scene.deliver(BuildBatchScene.startBuildBatch(owners, OTHER_KEY));

        List<JsonNode> incidents = scene.contain(KEY);

        JsonNode incident = BuildBatchScene.incidentOf(incidents, batchArn(miner));
        assertThat(InstanceScene.results(incident)).containsEntry("stop-build-batch", "already_applied")
                .containsEntry("collect-build-batch-evidence", "applied");
        assertThat(incidents).hasSize(1);
        assertThat(scene.standIn().batchStopped(miner)).isTrue();
        assertThat(scene.standIn().batchStopped(owners)).as("the owner's batch of the same project").isFalse();
        assertThat(scene.codeBuildAsSeen().batchGetBuildBatches(r -> r.ids(owners)).buildBatches().get(0)
                .buildBatchStatusAsString()).isEqualTo("IN_PROGRESS");
        new EvidenceCheck(scene.emulator, incident.path("incidentId").asText())
                .assertLockedAndHashed(java.util.Set.of("codebuild/build-batch.json", "codebuild/project.json"));
        assertThat(scene.emulator.recorder(BuildBatchScene.FUNCTION).actions()).contains("codebuild:StopBuildBatch");
        scene.assertLeastPrivilege();

        // A second sweep finds it stopped and stops nothing twice.
        assertThat(scene.contain(KEY)).allSatisfy(i -> assertThat(InstanceScene.results(i)
                .getOrDefault("stop-build-batch", "already_applied")).isEqualTo("already_applied"));
    }

    @Test
    void sweep_batchBuildInPlanMode_isNotStopped() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.PLAN, false);
        scene.project("ci");
        String miner = scene.buildBatch("ci");
        scene.deliver(BuildBatchScene.startBuildBatch(miner, KEY));

        JsonNode incident = BuildBatchScene.incidentOf(scene.contain(KEY), batchArn(miner));

        assertThat(InstanceScene.results(incident)).containsEntry("stop-build-batch", "planned");
        assertThat(scene.standIn().batchStopped(miner)).isFalse();
    }

    @Test
    void sweep_projectTheKeyCreated_hasEveryRunningBuildStopped_whoeverStartedIt() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        String project = scene.project("cache-warmup");
        scene.project("ci");
        String first = scene.build("cache-warmup");
        String second = scene.build("cache-warmup");
        String ended = scene.build("cache-warmup");
        scene.standIn().finish(ended);
        String owners = scene.build("ci");
        String batch = scene.buildBatch("cache-warmup");
        String ownersBatch = scene.buildBatch("ci");
        scene.deliver(BuildBatchScene.projectEvent("CreateProject", "cache-warmup", KEY));

        JsonNode incident = BuildBatchScene.incidentOf(scene.contain(KEY), project);

        assertThat(InstanceScene.results(incident)).containsEntry("stop-project-builds", "already_applied")
                .containsEntry("collect-build-evidence", "applied");
        assertThat(List.of(first, second)).allSatisfy(b -> assertThat(scene.standIn().stopped(b)).as(b).isTrue());
        assertThat(scene.standIn().stopped(ended)).as("a build that had ended").isFalse();
        assertThat(scene.standIn().stopped(owners)).as("another project's build").isFalse();
        assertThat(scene.standIn().batchStopped(batch)).as("the project's running batch build").isTrue();
        assertThat(scene.standIn().batchStopped(ownersBatch)).as("another project's batch build").isFalse();
        scene.assertLeastPrivilege();
    }

    @Test
    void sweep_ownersProjectTheKeyOnlyChanged_hasNoBuildStopped_butIsKeptAsEvidence() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        String project = scene.project("ci");
        String owners = scene.build("ci");
        scene.deliver(BuildBatchScene.projectEvent("UpdateProject", "ci", KEY));

        JsonNode incident = BuildBatchScene.incidentOf(scene.contain(KEY), project);

        assertThat(InstanceScene.steps(incident)).containsExactly("collect-build-evidence");
        assertThat(scene.standIn().stopped(owners)).isFalse();
        new EvidenceCheck(scene.emulator, incident.path("incidentId").asText())
                .assertLockedAndHashed(java.util.Set.of("codebuild/project.json"));
    }

    @Test
    void sweep_inPlanMode_stopsNothing() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.PLAN, false);
        String miner = keysBuild(scene);

        JsonNode incident = BuildBatchScene.incidentOf(scene.contain(KEY), buildArn(miner));

        assertThat(InstanceScene.results(incident)).containsEntry("stop-build", "planned");
        assertThat(scene.standIn().stopped(miner)).isFalse();
    }

    @Test
    void sweepAgain_findsTheBuildStopped_andChangesNothingTwice() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        keysBuild(scene);
        scene.contain(KEY);

        List<JsonNode> again = scene.contain(KEY);

        // The same incident, acted on once: a second delivery is a duplicate, or finds the build stopped.
        assertThat(again).allSatisfy(i -> assertThat(InstanceScene.results(i).getOrDefault("stop-build",
                "already_applied")).isIn("already_applied"));
        assertThat(scene.emulator.recorder(BuildBatchScene.FUNCTION).actions()).contains("codebuild:StopBuild");
    }

    @Test
    void buildStartedOutsideTheAllowedRegions_isStoppedByTheSpendGuard_withoutAnyFinding() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false,
                dev.tourniquet.internal.Footprint.parse("eu-west-1", "", "", ""));
        var iam = scene.emulator.admin().iam();
        iam.createUser(r -> r.userName("deploy-bot"));
        String key = iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
        scene.project("ci");
        String miner = scene.build("ci");

        List<com.fasterxml.jackson.databind.node.ObjectNode> deliveries = scene.deliver(
                BuildBatchScene.startBuild(miner, key));

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("FootprintWorkloadRule");
        assertThat(scene.standIn().stopped(miner)).isTrue();
        scene.assertLeastPrivilege();
    }

    // The owner's project "ci" and a build of it that KEY started, its StartBuild record delivered; the build's id.
    private static String keysBuild(BuildBatchScene scene) {
        scene.project("ci");
        String build = scene.build("ci");
        scene.deliver(BuildBatchScene.startBuild(build, KEY));
        return build;
    }

    private static String batchArn(String batchId) {
        return "arn:aws:codebuild:us-east-1:123456789012:build-batch/" + batchId;
    }

    private static String buildArn(String buildId) {
        return "arn:aws:codebuild:us-east-1:123456789012:build/" + buildId;
    }
}
