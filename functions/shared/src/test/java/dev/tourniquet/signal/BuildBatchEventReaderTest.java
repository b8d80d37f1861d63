package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who created, started or changed which CodeBuild project or build and which Batch environment, queue or job. */
class BuildBatchEventReaderTest {
    private static final String ACCOUNT = "arn:aws:%s:ap-southeast-1:123456789012:";

    private static List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) new SignalParser().parse(event)).records();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cloudtrail-codebuild-create-project.json, codebuild-project, codebuild, project/ci-cache-warmup",
            "cloudtrail-codebuild-start-build.json, codebuild-build, codebuild,"
                    + " build/ci-cache-warmup:8f2e6c1a-4b7d-4e3f-9a1c-5d7e9f1b3c5d",
            "cloudtrail-codebuild-start-build-batch.json, codebuild-build-batch, codebuild,"
                    + " build-batch/ci-cache-warmup:5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b",
            "cloudtrail-batch-create-compute-environment.json, batch-compute-environment, batch,"
                    + " compute-environment/render-farm",
            "cloudtrail-batch-create-job-queue.json, batch-job-queue, batch, job-queue/render-queue",
            "cloudtrail-batch-submit-job.json, batch-job, batch, job/4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c"})
    void parse_sample_recordsItsWorkloadByTheKey(String sample, String type, String service, String resource) {
        assertThat(records(Samples.load(sample))).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo(type);
            assertThat(p.resourceId()).isEqualTo(ACCOUNT.formatted(service) + resource);
            assertThat(p.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(Workload.of(p)).map(Workload::type).contains(type);
        });
    }

    @Test
    void parse_startBuild_keepsTheBuildspecOverrideImageAndComputeTypeAsEvidence() {
        Provenance build = records(Samples.load("cloudtrail-codebuild-start-build.json")).get(0);

        assertThat(build.detail(CodeBuildEventReader.BUILDSPEC)).hasValueSatisfying(b -> assertThat(b).contains("xmrig"));
        assertThat(build.details()).containsEntry(CodeBuildEventReader.COMPUTE_TYPE, "BUILD_GENERAL1_2XLARGE")
                .containsEntry(CodeBuildEventReader.IMAGE, "aws/codebuild/standard:7.0")
                .containsEntry(CodeBuildEventReader.PROJECT, "ci-cache-warmup")
                // A compute type is not an EC2 instance type: the footprint judges a build by its region only.
                .doesNotContainKey(SpendShape.INSTANCE_TYPE);
        assertThat(SpendShape.judged(build)).isTrue();
    }

    @Test
    void parse_startBuildBatch_keepsItsOverridesAsEvidence_asForABuild() {
        Provenance batch = records(Samples.load("cloudtrail-codebuild-start-build-batch.json")).get(0);

        assertThat(batch.detail(CodeBuildEventReader.BUILDSPEC)).hasValueSatisfying(b -> assertThat(b)
                .contains("build-matrix", "xmrig"));
        assertThat(batch.details()).containsEntry(CodeBuildEventReader.COMPUTE_TYPE, "BUILD_GENERAL1_2XLARGE")
                .containsEntry(CodeBuildEventReader.IMAGE, "aws/codebuild/standard:7.0")
                .containsEntry(CodeBuildEventReader.PROJECT, "ci-cache-warmup")
                .doesNotContainKey(SpendShape.INSTANCE_TYPE);
        assertThat(SpendShape.judged(batch)).isTrue();
        assertThat(Workload.of(batch)).get().isInstanceOfSatisfying(CodeBuildBuildBatch.class, b -> {
            assertThat(b.id()).isEqualTo("ci-cache-warmup:5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b");
            assertThat(b.project()).isEqualTo("ci-cache-warmup");
        });
    }

    @Test
    void parse_startBuildBatchWithoutArn_buildsItFromTheId_andWithoutResponse_recordsNothing() {
        ObjectNode event = Samples.load("cloudtrail-codebuild-start-build-batch.json");
        ((ObjectNode) event.at("/detail/responseElements/buildBatch")).remove("arn");

        assertThat(records(event)).singleElement().satisfies(p -> assertThat(p.resourceId()).isEqualTo(
                ACCOUNT.formatted("codebuild") + "build-batch/ci-cache-warmup:5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b"));
        ((ObjectNode) event.path("detail")).putNull("responseElements");
        // Nothing names the batch: no provenance (the parser rejects a record that names no resource).
        ParseResult parsed = new SignalParser().parse(event);
        assertThat(parsed instanceof ParseResult.Observed o ? o.records() : List.<Provenance>of()).isEmpty();
    }

    @Test
    void parse_createProjectWithOnlyTheResponse_readsTheProjectFromTheResponse() {
        ObjectNode event = Samples.load("cloudtrail-codebuild-create-project.json");
        // AWS's own example record keeps the project in responseElements only.
        ((ObjectNode) event.path("detail")).putObject("requestParameters").put("awsActId", "123456789012");

        Provenance project = records(event).get(0);

        assertThat(project.resourceId()).endsWith(":project/ci-cache-warmup");
        assertThat(project.detail(CodeBuildEventReader.BUILDSPEC)).hasValueSatisfying(b -> assertThat(b)
                .contains("xmrig"));
    }

    @Test
    void parse_updateProjectWithoutResponse_buildsTheArnFromTheName() {
        ObjectNode event = Samples.load("cloudtrail-codebuild-create-project.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventName", "UpdateProject");
        detail.putNull("responseElements");

        assertThat(records(event)).singleElement().satisfies(p -> assertThat(p.resourceId())
                .isEqualTo(ACCOUNT.formatted("codebuild") + "project/ci-cache-warmup"));
    }

    @Test
    void parse_hugeBuildspec_isCutToKeepTheRecordSmall() {
        ObjectNode event = Samples.load("cloudtrail-codebuild-start-build.json");
        ((ObjectNode) event.at("/detail/requestParameters")).put("buildspecOverride", "x".repeat(100_000));

        assertThat(records(event).get(0).detail(CodeBuildEventReader.BUILDSPEC).orElseThrow())
                .hasSize(CodeBuildEventReader.MAX_DETAIL);
    }

    @Test
    void parse_computeEnvironment_keepsItsInstanceTypesForTheFootprint() {
        Provenance environment = records(Samples.load("cloudtrail-batch-create-compute-environment.json")).get(0);

        assertThat(SpendShape.instanceTypes(environment)).containsExactly("g5.12xlarge", "p3.8xlarge");
        assertThat(environment.details()).containsEntry(BatchEventReader.MAX_VCPUS, "1536");
        assertThat(SpendShape.judged(environment)).isTrue();
    }

    @Test
    void parse_optimalInstanceType_namesNoTypeToJudge() {
        ObjectNode event = Samples.load("cloudtrail-batch-create-compute-environment.json");
        ((ObjectNode) event.at("/detail/requestParameters/computeResources")).putArray("instanceTypes").add("optimal");

        assertThat(SpendShape.instanceTypes(records(event).get(0))).isEmpty();
    }

    @Test
    void parse_updateThatDisablesOrShrinks_recordsNothing() {
        ObjectNode event = Samples.load("cloudtrail-batch-create-compute-environment.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventName", "UpdateComputeEnvironment");
        detail.putObject("requestParameters").put("computeEnvironment", "render-farm").put("state", "DISABLED")
                .putObject("computeResources").put("maxvCpus", 0);
        detail.putObject("responseElements").put("computeEnvironmentName", "render-farm");

        // Nothing recorded: the parse names no resource (rejected as such), never a provenance record.
        assertThat(new SignalParser().parse(event)).isNotInstanceOf(ParseResult.Observed.class);
    }

    @Test
    void parse_updateThatGrows_recordsTheEnvironmentByName() {
        ObjectNode event = Samples.load("cloudtrail-batch-create-compute-environment.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("eventName", "UpdateComputeEnvironment");
        detail.putObject("requestParameters").put("computeEnvironment", "owners-env")
                .putObject("computeResources").put("maxvCpus", 4096);
        detail.putNull("responseElements");

        assertThat(records(event)).singleElement().satisfies(p -> {
            assertThat(p.resourceId()).isEqualTo(ACCOUNT.formatted("batch") + "compute-environment/owners-env");
            assertThat(p.details()).containsEntry(BatchEventReader.MAX_VCPUS, "4096");
        });
    }

    @Test
    void parse_submitJob_keepsItsQueue() {
        assertThat(records(Samples.load("cloudtrail-batch-submit-job.json")).get(0).details())
                .containsEntry(BatchEventReader.JOB_QUEUE, "render-queue")
                .containsEntry(BatchEventReader.JOB_DEFINITION, "render:3");
    }
}
