package dev.tourniquet.flow;

import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.signal.SageMakerResource.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.EndpointStatus;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus;
import software.amazon.awssdk.services.sagemaker.model.ProcessingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TransformJobStatus;

/**
 * SageMaker compute running in a region: training, processing and transform jobs in progress
 * ({@code sagemaker:ListTrainingJobs}, {@code ListProcessingJobs}, {@code ListTransformJobs}, filtered on the status
 * and, for a span, on {@code CreationTimeAfter}), notebook instances pending or in service
 * ({@code ListNotebookInstances}) and endpoints in service or changing ({@code ListEndpoints}), each with its
 * {@code CreationTime}. Their {@code ml.} instance types are read only when asked: a notebook's is in its summary, a
 * job's in its description ({@code DescribeTrainingJob}, {@code DescribeProcessingJob}, {@code DescribeTransformJob}),
 * an endpoint's in its configuration ({@code DescribeEndpoint}, {@code DescribeEndpointConfig}).
 */
final class SageMakerWorkloadListing implements WorkloadListing {
    static final List<String> PERMISSIONS = List.of("sagemaker:ListTrainingJobs", "sagemaker:ListProcessingJobs",
            "sagemaker:ListTransformJobs", "sagemaker:ListNotebookInstances", "sagemaker:ListEndpoints");
    /** The reads of the instance types (the footprint's inventory only). */
    static final List<String> SHAPE_PERMISSIONS = List.of("sagemaker:DescribeTrainingJob",
            "sagemaker:DescribeProcessingJob", "sagemaker:DescribeTransformJob", "sagemaker:DescribeEndpoint",
            "sagemaker:DescribeEndpointConfig");
    private static final Set<NotebookInstanceStatus> NOTEBOOK_RUNNING = Set.of(NotebookInstanceStatus.PENDING,
            NotebookInstanceStatus.IN_SERVICE);
    private static final Set<EndpointStatus> ENDPOINT_RUNNING = Set.of(EndpointStatus.IN_SERVICE,
            EndpointStatus.CREATING, EndpointStatus.UPDATING, EndpointStatus.SYSTEM_UPDATING,
            EndpointStatus.ROLLING_BACK);

    private final Function<String, SageMakerClient> sageMaker;

    SageMakerWorkloadListing(Function<String, SageMakerClient> sageMaker) {
        this.sageMaker = sageMaker;
    }

    @Override
    public List<Running> running(String region, Instant since, boolean shapes) {
        SageMakerClient client = sageMaker.apply(region);
        Instant after = Instant.EPOCH.equals(since) ? null : since;
        List<Running> running = new ArrayList<>();
        client.listTrainingJobsPaginator(r -> r.statusEquals(TrainingJobStatus.IN_PROGRESS).creationTimeAfter(after))
                .trainingJobSummaries().forEach(job -> running.add(running(Kind.TRAINING_JOB, job.trainingJobArn(),
                        job.creationTime(), shapes, () -> trainingTypes(client, job.trainingJobName()))));
        client.listProcessingJobsPaginator(r -> r.statusEquals(ProcessingJobStatus.IN_PROGRESS)
                .creationTimeAfter(after)).processingJobSummaries().forEach(job -> running.add(running(
                Kind.PROCESSING_JOB, job.processingJobArn(), job.creationTime(), shapes, () -> processingTypes(client,
                        job.processingJobName()))));
        client.listTransformJobsPaginator(r -> r.statusEquals(TransformJobStatus.IN_PROGRESS)
                .creationTimeAfter(after)).transformJobSummaries().forEach(job -> running.add(running(
                Kind.TRANSFORM_JOB, job.transformJobArn(), job.creationTime(), shapes, () -> transformTypes(client,
                        job.transformJobName()))));
        client.listNotebookInstancesPaginator(r -> r.creationTimeAfter(after)).notebookInstances().stream()
                .filter(n -> NOTEBOOK_RUNNING.contains(n.notebookInstanceStatus()))
                .forEach(n -> running.add(running(Kind.NOTEBOOK_INSTANCE, n.notebookInstanceArn(), n.creationTime(),
                        shapes, () -> present(n.instanceTypeAsString()))));
        client.listEndpointsPaginator(r -> r.creationTimeAfter(after)).endpoints().stream()
                .filter(e -> ENDPOINT_RUNNING.contains(e.endpointStatus()))
                .forEach(e -> running.add(running(Kind.ENDPOINT, e.endpointArn(), e.creationTime(), shapes,
                        () -> endpointTypes(client, e.endpointName()))));
        return running;
    }

    private static Running running(Kind kind, String arn, Instant created, boolean shapes,
                                   Supplier<List<String>> types) {
        return new Running(new SageMakerResource(kind, arn), EcsWorkloadListing.account(arn),
                Optional.ofNullable(created), shapes ? types.get() : List.of());
    }

    // A training job runs one type, or several instance groups (heterogeneous clusters), each judged.
    private static List<String> trainingTypes(SageMakerClient client, String name) {
        var config = client.describeTrainingJob(r -> r.trainingJobName(name)).resourceConfig();
        if (config == null) {
            return List.of();
        }
        return Stream.concat(Stream.of(config.instanceTypeAsString()),
                config.instanceGroups().stream().map(g -> g.instanceTypeAsString()))
                .filter(Objects::nonNull).filter(t -> !t.isEmpty()).distinct().toList();
    }

    private static List<String> processingTypes(SageMakerClient client, String name) {
        var resources = client.describeProcessingJob(r -> r.processingJobName(name)).processingResources();
        return resources == null || resources.clusterConfig() == null ? List.of()
                : present(resources.clusterConfig().instanceTypeAsString());
    }

    private static List<String> transformTypes(SageMakerClient client, String name) {
        var resources = client.describeTransformJob(r -> r.transformJobName(name)).transformResources();
        return resources == null ? List.of() : present(resources.instanceTypeAsString());
    }

    private static List<String> endpointTypes(SageMakerClient client, String name) {
        String config = client.describeEndpoint(r -> r.endpointName(name)).endpointConfigName();
        if (config == null) {
            return List.of();
        }
        return client.describeEndpointConfig(r -> r.endpointConfigName(config)).productionVariants().stream()
                .map(v -> v.instanceTypeAsString()).filter(Objects::nonNull).distinct().toList();
    }

    private static List<String> present(String type) {
        return type == null || type.isEmpty() ? List.of() : List.of(type);
    }
}
