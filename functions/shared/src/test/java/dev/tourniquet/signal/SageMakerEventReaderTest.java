package dev.tourniquet.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who created or started which SageMaker workload, with its ml. instance type and count, read from the samples. */
class SageMakerEventReaderTest {
    private static final String ARN = "arn:aws:sagemaker:us-west-2:123456789012:";

    private static List<Provenance> records(ObjectNode event) {
        return ((ParseResult.Observed) new SignalParser().parse(event)).records();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "cloudtrail-sagemaker-create-training-job.json, sagemaker-training-job, training-job/llm-finetune-7,"
                    + " ml.p4d.24xlarge, 2",
            "cloudtrail-sagemaker-create-processing-job.json, sagemaker-processing-job, processing-job/feature-prep-3,"
                    + " ml.g5.12xlarge, 4",
            "cloudtrail-sagemaker-create-transform-job.json, sagemaker-transform-job, transform-job/batch-infer-9,"
                    + " ml.g5.48xlarge, 2",
            "cloudtrail-sagemaker-create-notebook-instance.json, sagemaker-notebook-instance,"
                    + " notebook-instance/research-nb, ml.p3.8xlarge, ",
            "cloudtrail-sagemaker-create-endpoint-config.json, sagemaker-endpoint-config,"
                    + " endpoint-config/llm-serving-cfg, ml.g5.48xlarge, 2"})
    void parse_createRecord_recordsTheResourceWithItsShape(String sample, String type, String resource,
                                                           String instanceType, String count) {
        assertThat(records(Samples.load(sample))).singleElement().satisfies(p -> {
            assertThat(p.resourceType()).isEqualTo(type);
            assertThat(p.resourceId()).isEqualTo(ARN + resource);
            assertThat(p.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
            assertThat(p.region()).isEqualTo("us-west-2");
            assertThat(p.detail(SpendShape.INSTANCE_TYPE)).contains(instanceType);
            assertThat(p.detail(SageMakerResource.INSTANCE_COUNT)).isEqualTo(java.util.Optional.ofNullable(count));
        });
    }

    @Test
    void parse_startNotebookInstance_buildsItsArnFromTheName() {
        assertThat(records(Samples.load("cloudtrail-sagemaker-start-notebook-instance.json"))).singleElement()
                .satisfies(p -> {
                    assertThat(p.resourceType()).isEqualTo(SageMakerResource.Kind.NOTEBOOK_INSTANCE.type());
                    assertThat(p.resourceId()).isEqualTo(ARN + "notebook-instance/data-science-nb");
                    assertThat(SpendShape.judged(p)).as("starting a notebook rents again").isTrue();
                });
    }

    @Test
    void parse_endpointRecords_nameTheConfigurationTheyRun() {
        for (String sample : List.of("cloudtrail-sagemaker-create-endpoint.json",
                "cloudtrail-sagemaker-update-endpoint.json")) {
            assertThat(records(Samples.load(sample))).as(sample).singleElement().satisfies(p -> {
                assertThat(p.resourceType()).isEqualTo(SageMakerResource.Kind.ENDPOINT.type());
                assertThat(p.detail(SageMakerResource.ENDPOINT_CONFIG_ARN)).contains(ARN
                        + "endpoint-config/llm-serving-cfg");
                assertThat(SpendShape.judged(p)).isTrue();
            });
        }
    }

    @Test
    void parse_endpointConfiguration_isRecordedButNeitherAWorkloadNorJudged() {
        Provenance config = records(Samples.load("cloudtrail-sagemaker-create-endpoint-config.json")).get(0);

        assertThat(Workload.of(config)).isEmpty();
        assertThat(SpendShape.judged(config)).isFalse();
    }

    @Test
    void parse_createdJob_isTheWorkloadItsArnNames() {
        Provenance record = records(Samples.load("cloudtrail-sagemaker-create-training-job.json")).get(0);

        assertThat(Workload.of(record)).get().isEqualTo(new SageMakerResource(SageMakerResource.Kind.TRAINING_JOB,
                ARN + "training-job/llm-finetune-7"));
        assertThat(SpendShape.judged(record)).isTrue();
    }

    @Test
    void parse_pascalCaseMembers_readAsLowerCamel() {
        ObjectNode event = Samples.load("cloudtrail-sagemaker-create-training-job.json");
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.set("requestParameters", Json.object().set("ResourceConfig", Json.object()
                .put("InstanceType", "ml.g4dn.12xlarge").put("InstanceCount", 3)));
        detail.set("responseElements", Json.object().put("TrainingJobArn", ARN + "training-job/other"));

        assertThat(records(event)).singleElement().satisfies(p -> {
            assertThat(p.resourceId()).isEqualTo(ARN + "training-job/other");
            assertThat(p.detail(SpendShape.INSTANCE_TYPE)).contains("ml.g4dn.12xlarge");
            assertThat(p.detail(SageMakerResource.INSTANCE_COUNT)).contains("3");
        });
    }

    @Test
    void parse_failedCreate_recordsNothing() {
        ObjectNode event = Samples.load("cloudtrail-sagemaker-create-training-job.json");
        ((ObjectNode) event.path("detail")).putNull("responseElements");

        // Nothing created: no provenance to keep, so the record is turned away as naming nothing.
        assertThat(new SignalParser().parse(event)).isInstanceOf(ParseResult.Rejected.class);
    }
}
