package dev.tourniquet.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus;

/**
 * SageMaker workloads in the emulated account, behind the {@link SageMakerStandIn} (which the functions' and the scene's
 * SageMaker clients both reach): jobs, a notebook instance and an endpoint, each with the CloudTrail record of the key
 * that made it, built from the samples.
 */
final class SageMakerScene {
    static final String REGION = Emulator.REGION;
    static final String ROLE = "arn:aws:iam::123456789012:role/sagemaker-exec";
    static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:latest";

    private final Emulator emulator;
    private final SageMakerStandIn standIn;

    SageMakerScene(Emulator emulator, SageMakerStandIn standIn) {
        this.emulator = emulator;
        this.standIn = standIn;
    }

    /** An account whose functions reach SageMaker through {@code standIn} (its upstream set to moto here). */
    static SageMakerScene fresh(SageMakerStandIn standIn, boolean irreversible) {
        return fresh(standIn, irreversible, dev.tourniquet.internal.Footprint.parse("", "", "", ""));
    }

    /** The same, holding records to {@code footprint}. */
    static SageMakerScene fresh(SageMakerStandIn standIn, boolean irreversible,
                                dev.tourniquet.internal.Footprint footprint) {
        Emulator emulator = Emulator.fresh(dev.tourniquet.internal.Mode.ENFORCE, List.of(),
                c -> Emulator.withoutExposureHold(c.withServiceEndpoint("sagemaker", standIn.endpoint()))
                        .toBuilder().irreversibleActions(irreversible).footprint(footprint).build(), List.of());
        standIn.upstream(emulator.configuration().endpoint().orElseThrow());
        return new SageMakerScene(emulator, standIn);
    }

    /**
     * An account whose functions' calls go through a fault proxy ({@link Emulator#faulty}), SageMaker's through
     * {@code standIn} first (its upstream the fault proxy, so that its calls are faulted as the others are).
     */
    static SageMakerScene faulty(SageMakerStandIn standIn, double rate, long seed) {
        Emulator emulator = Emulator.faulty(c -> Emulator.withoutExposureHold(c.withServiceEndpoint("sagemaker",
                standIn.endpoint())), List.of(), rate, seed);
        standIn.upstream(emulator.proxy().endpoint());
        return new SageMakerScene(emulator, standIn);
    }

    Emulator emulator() {
        return emulator;
    }

    SageMakerStandIn standIn() {
        return standIn;
    }

    SageMakerClient sageMaker() {
        return emulator.admin().client("sagemaker", REGION, SageMakerClient::builder);
    }

    String trainingJob(String name) {
        return sageMaker().createTrainingJob(r -> r.trainingJobName(name).roleArn(ROLE)
                .algorithmSpecification(a -> a.trainingImage(IMAGE).trainingInputMode("File"))
                .outputDataConfig(o -> o.s3OutputPath("s3://ml-scratch/out/"))
                .resourceConfig(c -> c.instanceType("ml.p4d.24xlarge").instanceCount(2).volumeSizeInGB(200))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(432000))).trainingJobArn();
    }

    String processingJob(String name) {
        return sageMaker().createProcessingJob(r -> r.processingJobName(name).roleArn(ROLE)
                .appSpecification(a -> a.imageUri(IMAGE))
                .processingResources(p -> p.clusterConfig(c -> c.instanceType("ml.g5.12xlarge").instanceCount(4)
                        .volumeSizeInGB(100)))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(86400))).processingJobArn();
    }

    /** A model (its name), which transform jobs and endpoint configurations name. */
    String model(String name) {
        sageMaker().createModel(r -> r.modelName(name).executionRoleArn(ROLE).primaryContainer(c -> c.image(IMAGE)));
        return name;
    }

    String transformJob(String name, String model) {
        return sageMaker().createTransformJob(r -> r.transformJobName(name).modelName(model)
                .transformInput(i -> i.dataSource(d -> d.s3DataSource(s -> s.s3DataType("S3Prefix")
                        .s3Uri("s3://ml-scratch/in/"))))
                .transformOutput(o -> o.s3OutputPath("s3://ml-scratch/infer/"))
                .transformResources(t -> t.instanceType("ml.g5.48xlarge").instanceCount(2))).transformJobArn();
    }

    /** A notebook instance, started (moto creates it Pending). */
    String notebook(String name) {
        String arn = sageMaker().createNotebookInstance(r -> r.notebookInstanceName(name).roleArn(ROLE)
                .instanceType("ml.p3.8xlarge")).notebookInstanceArn();
        sageMaker().startNotebookInstance(r -> r.notebookInstanceName(name));
        return arn;
    }

    NotebookInstanceStatus notebookStatus(String name) {
        return sageMaker().describeNotebookInstance(r -> r.notebookInstanceName(name)).notebookInstanceStatus();
    }

    String endpoint(String name, String model) {
        sageMaker().createEndpointConfig(r -> r.endpointConfigName(name + "-cfg").productionVariants(v -> v
                .variantName("AllTraffic").modelName(model).initialInstanceCount(2).instanceType("ml.p3.16xlarge")));
        return sageMaker().createEndpoint(r -> r.endpointName(name).endpointConfigName(name + "-cfg")).endpointArn();
    }

    boolean endpointExists(String name) {
        return sageMaker().listEndpoints(r -> r.nameContains(name)).endpoints().stream()
                .anyMatch(e -> e.endpointName().equals(name));
    }

    String jobStatus(String kind, String name) {
        return switch (kind) {
            case "training" -> sageMaker().describeTrainingJob(r -> r.trainingJobName(name)).trainingJobStatusAsString();
            case "processing" -> sageMaker().describeProcessingJob(r -> r.processingJobName(name))
                    .processingJobStatusAsString();
            default -> sageMaker().describeTransformJob(r -> r.transformJobName(name)).transformJobStatusAsString();
        };
    }

    /** The CloudTrail record of {@code user} (with {@code key}) starting the notebook {@code name} again. */
    static ObjectNode notebookStarted(String name, String user, String key) {
        ObjectNode event = Undo.byUser(Undo.of("cloudtrail-sagemaker-start-notebook-instance.json", REGION), user, key);
        Undo.request(event).put("notebookInstanceName", name);
        return event;
    }

    /** SageMaker's own report that the notebook {@code arn} is in service (it names the name as created). */
    static ObjectNode notebookInService(String arn, String name) {
        ObjectNode event = Emulator.sample("sagemaker-notebook-instance-in-service.json");
        event.put("id", java.util.UUID.randomUUID().toString()).put("region", REGION)
                .put("time", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.putArray("resources").add(arn);
        ((ObjectNode) event.path("detail")).put("NotebookInstanceArn", arn).put("NotebookInstanceName", name);
        return event;
    }

    /** The CloudTrail record of {@code sample} for {@code arn} (its ARN member {@code arnMember}), by {@code key}. */
    static ObjectNode created(String sample, String arnMember, String arn, String accessKeyId) {
        ObjectNode event = TrailRecord.of(sample, REGION, accessKeyId);
        ((ObjectNode) event.path("detail").path("responseElements")).put(arnMember, arn);
        return event;
    }

    /** The CloudTrail record of an endpoint's creation running {@code config}. */
    static ObjectNode endpointCreated(String arn, String config, String accessKeyId) {
        ObjectNode event = created("cloudtrail-sagemaker-create-endpoint.json", "endpointArn", arn, accessKeyId);
        ((ObjectNode) event.path("detail").path("requestParameters")).put("endpointConfigName", config)
                .put("endpointName", dev.tourniquet.signal.Workload.lastName(arn));
        return event;
    }
}
