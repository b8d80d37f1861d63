package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus;

/**
 * SageMaker end to end (README "Every compute a miner rents", SageMaker): the CloudTrail records of a key's training,
 * processing and transform jobs, notebook instance and endpoint reach record-provenance; when the key is contained the
 * workload sweep stops its jobs and its notebook (the owner's keep running), keeps their descriptions as evidence, and
 * only alerts its endpoint, unless AllowIrreversibleActions lets it delete it (its configuration kept and recorded); a
 * release starts the notebook again (and its StartNotebookInstance is not taken for an undo), while anyone else's start
 * of it is stopped again and its author contained. moto lacks StopTrainingJob and StopTransformJob and completes every job at once:
 * {@link SageMakerStandIn} serves those.
 */
class SageMakerIT {
    private static final String FUNCTION = "StopWorkloadFunction";
    private static final Set<String> PERFORMED = new TreeSet<>();
    private static SageMakerStandIn standIn;

    @BeforeAll
    static void startStandIn() {
        standIn = SageMakerStandIn.start(java.net.URI.create("http://127.0.0.1:1"));
    }

    @AfterAll
    static void everyOperationPerformedIsGrantedByTheTemplate() {
        standIn.close();
        assertThat(PERFORMED).contains("sagemaker:StopTrainingJob", "sagemaker:StopProcessingJob",
                "sagemaker:StopTransformJob", "sagemaker:StopNotebookInstance", "sagemaker:DescribeTrainingJob",
                "sagemaker:DeleteEndpoint", "sagemaker:DescribeEndpointConfig");
        assertThat(Emulator.leastPrivilege(FUNCTION).notGranted(PERFORMED)).isEmpty();
    }

    private static String deployBotKey(Emulator emulator) {
        var iam = emulator.admin().iam();
        if (iam.listUsers().users().stream().noneMatch(u -> u.userName().equals("deploy-bot"))) {
            iam.createUser(r -> r.userName("deploy-bot"));
        }
        return iam.createAccessKey(r -> r.userName("deploy-bot")).accessKey().accessKeyId();
    }

    /** The attacker's workloads, each recorded as made by {@code key}. */
    record Attack(String key, String model) {
    }

    private static Attack attack(SageMakerScene scene) {
        String key = deployBotKey(scene.emulator());
        String model = scene.model("llm-7b");
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-training-job.json",
                "trainingJobArn", scene.trainingJob("llm-finetune-7"), key));
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-processing-job.json",
                "processingJobArn", scene.processingJob("feature-prep-3"), key));
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-transform-job.json",
                "transformJobArn", scene.transformJob("batch-infer-9", model), key));
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-notebook-instance.json",
                "notebookInstanceArn", scene.notebook("research-nb"), key));
        scene.emulator().deliver(SageMakerScene.endpointCreated(scene.endpoint("llm-serving", model),
                "llm-serving-cfg", key));
        return new Attack(key, model);
    }

    private static List<ObjectNode> contain(SageMakerScene scene, String key) {
        List<ObjectNode> deliveries = scene.emulator().deliver(InstanceScene.contained(key));
        PERFORMED.addAll(scene.emulator().recorder(FUNCTION).actions());
        return deliveries;
    }

    private static JsonNode workloadSweep(List<ObjectNode> deliveries) {
        return deliveries.stream().filter(d -> d.path("rule").asText().equals("CredentialContainedWorkloadsRule"))
                .findFirst().orElseThrow().path("response");
    }

    @Test
    void sweep_credentialContained_stopsItsJobsAndNotebook_alertsItsEndpoint_leavesTheOwners() {
        SageMakerScene scene = SageMakerScene.fresh(standIn, false);
        Attack attack = attack(scene);
        scene.trainingJob("owner-nightly");
        scene.notebook("owner-nb");

        JsonNode sweep = workloadSweep(contain(scene, attack.key()));

        assertThat(scene.jobStatus("training", "llm-finetune-7")).isEqualTo("Stopped");
        assertThat(scene.jobStatus("processing", "feature-prep-3")).isEqualTo("Stopped");
        assertThat(scene.jobStatus("transform", "batch-infer-9")).isEqualTo("Stopped");
        assertThat(scene.notebookStatus("research-nb")).isEqualTo(NotebookInstanceStatus.STOPPED);
        assertThat(scene.jobStatus("training", "owner-nightly")).as("the owner's job").isEqualTo("InProgress");
        assertThat(scene.notebookStatus("owner-nb")).as("the owner's notebook").isEqualTo(NotebookInstanceStatus.IN_SERVICE);
        assertThat(scene.endpointExists("llm-serving")).as("alerted only: AllowIrreversibleActions is off").isTrue();
        assertThat(standIn.stopped()).containsExactlyInAnyOrder("TrainingJob/llm-finetune-7",
                "ProcessingJob/feature-prep-3", "TransformJob/batch-infer-9");
        assertThat(sweep.toString()).contains("llm-serving");
        assertThat(evidence(scene)).anyMatch(k -> k.endsWith("sagemaker/training-job-llm-finetune-7.json"))
                .anyMatch(k -> k.endsWith("sagemaker/notebook-instance-research-nb.json"))
                .noneMatch(k -> k.contains("owner"));
    }

    @Test
    void footprint_trainingJobOfADeniedFamily_isStoppedAtOnce_andItsKeyContained() {
        SageMakerScene scene = SageMakerScene.fresh(standIn, false,
                dev.tourniquet.internal.Footprint.parse("", "p4d", "", ""));
        String key = deployBotKey(scene.emulator());
        String arn = scene.trainingJob("llm-finetune-7");
        String owners = scene.processingJob("feature-prep-3");
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-processing-job.json",
                "processingJobArn", owners, "AKIAOWNERKEY00000000"));

        List<ObjectNode> deliveries = scene.emulator().deliver(SageMakerScene.created(
                "cloudtrail-sagemaker-create-training-job.json", "trainingJobArn", arn, key));
        PERFORMED.addAll(scene.emulator().recorder(FUNCTION).actions());

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("FootprintWorkloadRule");
        assertThat(scene.jobStatus("training", "llm-finetune-7")).as("ml.p4d.24xlarge is a p4d").isEqualTo("Stopped");
        assertThat(scene.jobStatus("processing", "feature-prep-3")).as("ml.g5.12xlarge is inside")
                .isEqualTo("InProgress");
        assertThat(scene.emulator().admin().iam().listAccessKeys(r -> r.userName("deploy-bot")).accessKeyMetadata())
                .filteredOn(k -> k.accessKeyId().equals(key)).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).isEqualTo("Inactive"));
    }

    @Test
    void release_ofTheStoppedNotebook_startsItAgain() {
        SageMakerScene scene = notebookStopped();
        String incident = evidence(scene).stream().filter(k -> k.endsWith("/sagemaker/notebook-instance-research-nb.json"))
                .map(k -> k.split("/")[1]).findFirst().orElseThrow();

        List<String> restored = Releases.release(scene.emulator(), incident);

        assertThat(restored).anyMatch(line -> line.contains("started notebook instance research-nb"));
        assertThat(scene.notebookStatus("research-nb")).isEqualTo(NotebookInstanceStatus.IN_SERVICE);

        // The release's own StartNotebookInstance, as CloudTrail records it: no incident holds the notebook any more.
        List<ObjectNode> deliveries = scene.emulator().deliver(SageMakerScene.notebookStarted("research-nb",
                "release-operator", "AKIARELEASEOPERATOR0"));

        assertThat(deliveries).extracting(d -> d.path("rule").asText()).contains("ContainmentUndoneEcsRule");
        assertThat(scene.notebookStatus("research-nb")).as("a release is not undone").isEqualTo(
                NotebookInstanceStatus.IN_SERVICE);
    }

    @Test
    void notebookStartedAgainByAnotherKey_isStoppedAgain_andItsAuthorContained() {
        SageMakerScene scene = notebookStopped();
        var iam = scene.emulator().admin().iam();
        iam.createUser(r -> r.userName("ops-backdoor"));
        String backdoor = iam.createAccessKey(r -> r.userName("ops-backdoor")).accessKey().accessKeyId();
        scene.sageMaker().startNotebookInstance(r -> r.notebookInstanceName("research-nb"));
        assertThat(scene.notebookStatus("research-nb")).isEqualTo(NotebookInstanceStatus.IN_SERVICE);

        List<ObjectNode> deliveries = scene.emulator().deliver(SageMakerScene.notebookStarted("research-nb",
                "ops-backdoor", backdoor));
        PERFORMED.addAll(scene.emulator().recorder(FUNCTION).actions());

        assertThat(scene.notebookStatus("research-nb")).as("stopped again").isEqualTo(NotebookInstanceStatus.STOPPED);
        JsonNode incident = deliveries.stream().filter(d -> d.path("rule").asText().equals("ContainmentUndoneEcsRule"))
                .findFirst().orElseThrow().path("response").path("incidents").get(0);
        assertThat(incident.path("steps").findValuesAsText("step")).first().isEqualTo("stop-notebook-instance");
        assertThat(iam.listAccessKeys(r -> r.userName("ops-backdoor")).accessKeyMetadata()).singleElement()
                .satisfies(k -> assertThat(k.statusAsString()).as("the author contained").isEqualTo("Inactive"));
    }

    @Test
    void notebookPendingThroughEveryRetry_isStoppedWhenSageMakerReportsItInService_theOwnersIsNot() {
        SageMakerScene scene = SageMakerScene.fresh(standIn, false);
        String key = deployBotKey(scene.emulator());
        String notebook = scene.notebook("research-nb");
        String owners = scene.notebook("owner-nb");
        scene.emulator().deliver(SageMakerScene.created("cloudtrail-sagemaker-create-notebook-instance.json",
                "notebookInstanceArn", notebook, key));
        standIn.pending("research-nb");
        try {
            JsonNode sweep = deliveredBy(contain(scene, key), "CredentialContainedWorkloadsRule");
            assertThat(sweep.path("error").asText()).as("Pending: the stop could not be made")
                    .contains("research-nb is Pending");
            assertThat(scene.notebookStatus("research-nb")).as("not stopped: still starting")
                    .isEqualTo(NotebookInstanceStatus.PENDING);
        } finally {
            standIn.inService("research-nb");
        }

        JsonNode stopped = deliveredBy(scene.emulator().deliver(SageMakerScene.notebookInService(notebook,
                "research-nb")), "NotebookInServiceRule");
        JsonNode untouched = deliveredBy(scene.emulator().deliver(SageMakerScene.notebookInService(owners,
                "owner-nb")), "NotebookInServiceRule");
        PERFORMED.addAll(scene.emulator().recorder(FUNCTION).actions());

        assertThat(scene.notebookStatus("research-nb")).isEqualTo(NotebookInstanceStatus.STOPPED);
        JsonNode incident = stopped.path("response").path("incidents").get(0);
        assertThat(incident.path("claim").asText()).as("the sweep's incident of the notebook, resumed")
                .isEqualTo("resumed");
        assertThat(incident.path("steps").findValuesAsText("step")).contains("stop-notebook-instance");
        assertThat(untouched.path("response").path("status").asText()).isEqualTo("nothing_to_do");
        assertThat(scene.notebookStatus("owner-nb")).as("the owner's notebook").isEqualTo(
                NotebookInstanceStatus.IN_SERVICE);
    }

    @Test
    void heldNotebookStartedWithNoRecordInTime_isStoppedWhenSageMakerReportsItInService_noOneContained() {
        SageMakerScene scene = notebookStopped();
        scene.sageMaker().startNotebookInstance(r -> r.notebookInstanceName("research-nb"));
        String notebook = scene.sageMaker().describeNotebookInstance(r -> r.notebookInstanceName("research-nb"))
                .notebookInstanceArn();
        int keys = scene.emulator().admin().iam().listUsers().users().size();

        JsonNode delivery = deliveredBy(scene.emulator().deliver(SageMakerScene.notebookInService(notebook,
                "research-nb")), "NotebookInServiceRule");

        assertThat(scene.notebookStatus("research-nb")).as("stopped again").isEqualTo(NotebookInstanceStatus.STOPPED);
        JsonNode incident = delivery.path("response").path("incidents").get(0);
        assertThat(incident.path("steps").findValuesAsText("step")).as("SageMaker's report has no author")
                .containsExactly("stop-notebook-instance");
        assertThat(scene.emulator().admin().iam().listUsers().users()).hasSize(keys);
    }

    private static JsonNode deliveredBy(List<ObjectNode> deliveries, String rule) {
        return deliveries.stream().filter(d -> d.path("rule").asText().equals(rule)).findFirst().orElseThrow();
    }

    // The attack, its key contained: its notebook research-nb stopped by the workload sweep.
    private static SageMakerScene notebookStopped() {
        SageMakerScene scene = SageMakerScene.fresh(standIn, false);
        contain(scene, attack(scene).key());
        assertThat(scene.notebookStatus("research-nb")).isEqualTo(NotebookInstanceStatus.STOPPED);
        return scene;
    }

    @Test
    void sweep_withIrreversibleActions_deletesTheEndpoint_keepingItsConfiguration() {
        SageMakerScene scene = SageMakerScene.fresh(standIn, true);
        Attack attack = attack(scene);

        contain(scene, attack.key());

        assertThat(scene.endpointExists("llm-serving")).isFalse();
        assertThat(scene.sageMaker().describeEndpointConfig(r -> r.endpointConfigName("llm-serving-cfg"))
                .productionVariants()).singleElement().satisfies(v -> assertThat(v.instanceTypeAsString())
                .isEqualTo("ml.p3.16xlarge"));
        assertThat(evidence(scene)).anyMatch(k -> k.endsWith("sagemaker/endpoint-llm-serving.json"))
                .anyMatch(k -> k.endsWith("sagemaker/endpoint-llm-serving-endpoint-config.json"));
    }

    private static List<String> evidence(SageMakerScene scene) {
        var s3 = scene.emulator().admin().evidenceS3();
        return s3.listObjectsV2Paginator(r -> r.bucket(scene.emulator().configuration().bucketName())).contents()
                .stream().map(o -> o.key()).toList();
    }
}
