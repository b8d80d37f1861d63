package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.cli.release.ReleaseCommand;
import dev.tourniquet.internal.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.batch.model.ComputeEnvironmentDetail;

/**
 * AWS Batch end to end (README "AWS Batch"): a key's CreateComputeEnvironment, CreateJobQueue and SubmitJob records
 * reach record-provenance; when the key is contained, its environment is disabled at 0 max vCPUs and its queue
 * disabled (both released by {@code ./tourniquet release}), its job terminated only where AllowIrreversibleActions is
 * set and otherwise left running with an alert that says so; the owner's environment is never touched. Enabled again
 * (or given vCPUs again) by anyone but a release, the environment and the queue are disabled again and the author
 * contained. moto keeps
 * no vCPU bounds and runs no long job: {@link BuildBatchStandIn} shows both.
 */
class BatchIT {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    private record Farm(String environment, String queue, String job, String owners) {
    }

    private static Farm farm(BuildBatchScene scene) {
        String environment = scene.computeEnvironment("render-farm", 256);
        String queue = scene.jobQueue("render-queue", environment);
        String job = scene.runningJob(queue);
        String owners = scene.computeEnvironment("owners-env", 64);
        scene.deliver(BuildBatchScene.environmentCreated(environment, KEY));
        scene.deliver(BuildBatchScene.queueCreated(queue, KEY));
        scene.deliver(BuildBatchScene.jobSubmitted(job, KEY));
        return new Farm(environment, queue, job, owners);
    }

    private static ComputeEnvironmentDetail environment(BuildBatchScene scene, String arn) {
        return scene.batchAsSeen().describeComputeEnvironments(r -> r.computeEnvironments(arn)).computeEnvironments()
                .get(0);
    }

    @Test
    void sweep_disablesTheKeysEnvironmentAndQueue_leavesItsJobRunningWithAnAlert_andReleaseRestoresThem() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        Farm farm = farm(scene);

        List<JsonNode> incidents = scene.contain(KEY);

        JsonNode environmentIncident = BuildBatchScene.incidentOf(incidents, farm.environment());
        assertThat(InstanceScene.results(environmentIncident)).containsKeys("disable-compute-environment")
                .containsEntry("collect-batch-evidence", "applied");
        ComputeEnvironmentDetail disabled = environment(scene, farm.environment());
        assertThat(disabled.stateAsString()).isEqualTo("DISABLED");
        assertThat(disabled.computeResources().maxvCpus()).isZero();
        JsonNode queueIncident = BuildBatchScene.incidentOf(incidents, farm.queue());
        assertThat(scene.batchAsSeen().describeJobQueues(r -> r.jobQueues(farm.queue())).jobQueues().get(0)
                .stateAsString()).isEqualTo("DISABLED");
        JsonNode jobIncident = BuildBatchScene.incidentOf(incidents,
                "arn:aws:batch:us-east-1:123456789012:job/" + farm.job());
        assertThat(InstanceScene.steps(jobIncident)).containsExactly("collect-batch-evidence");
        assertThat(jobIncident.toString()).contains("LEFT RUNNING", "AllowIrreversibleActions is off");
        assertThat(scene.batchAsSeen().describeJobs(r -> r.jobs(farm.job())).jobs().get(0).statusAsString())
                .isEqualTo("RUNNING");
        ComputeEnvironmentDetail owners = environment(scene, farm.owners());
        assertThat(owners.stateAsString()).as("the owner's environment").isEqualTo("ENABLED");
        assertThat(scene.emulator.recorder(BuildBatchScene.FUNCTION).actions()).doesNotContain("batch:TerminateJob");
        scene.assertLeastPrivilege();

        release(scene, environmentIncident.path("incidentId").asText());
        release(scene, queueIncident.path("incidentId").asText());

        ComputeEnvironmentDetail restored = environment(scene, farm.environment());
        assertThat(restored.stateAsString()).isEqualTo("ENABLED");
        assertThat(restored.computeResources().maxvCpus()).isEqualTo(256);
        assertThat(scene.batchAsSeen().describeJobQueues(r -> r.jobQueues(farm.queue())).jobQueues().get(0)
                .stateAsString()).isEqualTo("ENABLED");

        // The release's own calls, as CloudTrail records them: no incident holds either any more.
        scene.deliver(BuildBatchScene.environmentEnabled(farm.environment(), 256, "release-operator",
                "AKIARELEASEOPERATOR0"));
        scene.deliver(BuildBatchScene.queueEnabled(farm.queue(), "release-operator", "AKIARELEASEOPERATOR0"));
        assertThat(environment(scene, farm.environment()).stateAsString()).as("a release is not undone")
                .isEqualTo("ENABLED");
        assertThat(scene.batchAsSeen().describeJobQueues(r -> r.jobQueues(farm.queue())).jobQueues().get(0)
                .stateAsString()).isEqualTo("ENABLED");
    }

    @Test
    void environmentAndQueueEnabledAgainByAnotherKey_areDisabledAgain_andTheirAuthorContained() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, false);
        Farm farm = farm(scene);
        scene.contain(KEY);
        var iam = scene.emulator.admin().iam();
        iam.createUser(r -> r.userName("ops-backdoor"));
        String backdoor = iam.createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
        scene.batchAsSeen().updateComputeEnvironment(r -> r.computeEnvironment(farm.environment()).state("ENABLED")
                .computeResources(c -> c.minvCpus(0).maxvCpus(256)));
        scene.batchAsSeen().updateJobQueue(r -> r.jobQueue(farm.queue()).state("ENABLED"));
        assertThat(environment(scene, farm.environment()).stateAsString()).isEqualTo("ENABLED");

        List<com.fasterxml.jackson.databind.node.ObjectNode> environmentDeliveries = scene.deliver(
                BuildBatchScene.environmentEnabled(farm.environment(), 256, "ops-backdoor", backdoor));
        List<com.fasterxml.jackson.databind.node.ObjectNode> queueDeliveries = scene.deliver(
                BuildBatchScene.queueEnabled(farm.queue(), "ops-backdoor", backdoor));

        ComputeEnvironmentDetail again = environment(scene, farm.environment());
        assertThat(again.stateAsString()).as("disabled again").isEqualTo("DISABLED");
        assertThat(again.computeResources().maxvCpus()).isZero();
        assertThat(scene.batchAsSeen().describeJobQueues(r -> r.jobQueues(farm.queue())).jobQueues().get(0)
                .stateAsString()).isEqualTo("DISABLED");
        assertThat(undoneSteps(environmentDeliveries)).first().isEqualTo("disable-compute-environment");
        assertThat(undoneSteps(queueDeliveries)).first().isEqualTo("disable-job-queue");
        assertThat(iam.listAccessKeys(r -> r.userName("ops-backdoor")).accessKeyMetadata()).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).as("the author contained").isEqualTo("Inactive"));
        assertThat(environment(scene, farm.owners()).stateAsString()).as("the owner's environment")
                .isEqualTo("ENABLED");
        scene.assertLeastPrivilege();
    }

    // The steps of the incident the containment-undone rule's delivery made.
    private static List<String> undoneSteps(List<com.fasterxml.jackson.databind.node.ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("rule").asText().equals("ContainmentUndoneEcsRule"))
                .findFirst().orElseThrow().path("response").path("incidents").get(0).path("steps")
                .findValuesAsText("step");
    }

    @Test
    void sweep_withIrreversibleActions_terminatesTheKeysJob_afterItsEvidence() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.ENFORCE, true);
        Farm farm = farm(scene);

        List<JsonNode> incidents = scene.contain(KEY);

        JsonNode jobIncident = BuildBatchScene.incidentOf(incidents,
                "arn:aws:batch:us-east-1:123456789012:job/" + farm.job());
        assertThat(InstanceScene.steps(jobIncident)).containsExactly("collect-batch-evidence", "terminate-job");
        assertThat(InstanceScene.results(jobIncident)).containsEntry("terminate-job", "applied");
        assertThat(scene.batchAsSeen().describeJobs(r -> r.jobs(farm.job())).jobs().get(0).statusAsString())
                .isEqualTo("FAILED");
        new EvidenceCheck(scene.emulator, jobIncident.path("incidentId").asText())
                .assertLockedAndHashed(java.util.Set.of("batch/job.json"));
        scene.assertLeastPrivilege();
    }

    @Test
    void sweep_inPlanMode_changesNothing() {
        BuildBatchScene scene = BuildBatchScene.fresh(Mode.PLAN, true);
        Farm farm = farm(scene);

        List<JsonNode> incidents = scene.contain(KEY);

        assertThat(InstanceScene.results(BuildBatchScene.incidentOf(incidents, farm.environment())))
                .containsEntry("disable-compute-environment", "planned");
        assertThat(environment(scene, farm.environment()).stateAsString()).isEqualTo("ENABLED");
        assertThat(environment(scene, farm.environment()).computeResources().maxvCpus()).isEqualTo(256);
        assertThat(scene.batchAsSeen().describeJobs(r -> r.jobs(farm.job())).jobs().get(0).statusAsString())
                .isEqualTo("RUNNING");
        assertThat(scene.emulator.recorder(BuildBatchScene.FUNCTION).actions())
                .doesNotContain("batch:UpdateComputeEnvironment", "batch:UpdateJobQueue", "batch:TerminateJob");
    }

    // ./tourniquet release through the stand-in (which passes every other call on to moto).
    private static void release(BuildBatchScene scene, String incidentId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new ReleaseCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty())
                .run(new String[] {incidentId, "--endpoint", scene.standIn().endpoint().toString(),
                        "--region", Emulator.REGION, "--yes"});
        assertThat(exit).as("release %s: %s %s", incidentId, out, err).isZero();
    }
}
