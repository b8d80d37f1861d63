package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads SageMaker's CloudTrail records into provenance of the workloads they create or start ({@link Workload}):
 * {@code CreateTrainingJob} ({@code resourceConfig}), {@code CreateProcessingJob}
 * ({@code processingResources.clusterConfig}), {@code CreateTransformJob} ({@code transformResources}),
 * {@code CreateNotebookInstance} and {@code StartNotebookInstance} (a stopped notebook started again rents again),
 * {@code CreateEndpoint} and {@code UpdateEndpoint}. Each keeps its {@code ml.} instance type
 * ({@link SpendShape#INSTANCE_TYPE}, judged by the footprint as the EC2 type it runs on) and instance count
 * ({@link SageMakerResource#INSTANCE_COUNT}).
 *
 * <p>An endpoint's record names only its endpoint configuration: {@code CreateEndpointConfig} is recorded as
 * {@link SageMakerResource#ENDPOINT_CONFIG} (not a workload: a configuration rents nothing) with its variants' instance types, and the
 * endpoint's record names it ({@link SageMakerResource#ENDPOINT_CONFIG_ARN}) so that the footprint reads the types from it, as a group's
 * record names its launch template.
 *
 * <p>SageMaker's API is PascalCase and its CloudTrail records are seen lower-camel: keys are read either way
 * ({@link #lowerCamel}). SageMaker writes a resource's name lower-cased in its ARN; a record that gives no ARN
 * ({@code StartNotebookInstance}) has it built the same way.
 */
final class SageMakerEventReader {
    private static final String ENDPOINT_CONFIG = SageMakerResource.ENDPOINT_CONFIG;
    private static final String ENDPOINT_CONFIG_ARN = SageMakerResource.ENDPOINT_CONFIG_ARN;
    private static final String INSTANCE_COUNT = SageMakerResource.INSTANCE_COUNT;

    static final Set<String> EVENTS = Set.of("CreateTrainingJob", "CreateProcessingJob", "CreateTransformJob",
            "CreateNotebookInstance", "StartNotebookInstance", "CreateEndpoint", "UpdateEndpoint",
            "CreateEndpointConfig");

    private SageMakerEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = lowerCamel(record.path("requestParameters"));
        JsonNode response = lowerCamel(record.path("responseElements"));
        List<Provenance> records = new ArrayList<>();
        switch (caller.eventName()) {
            case "CreateTrainingJob" -> Json.text(response, "/trainingJobArn").ifPresent(arn -> records.add(
                    caller.provenance(SageMakerResource.Kind.TRAINING_JOB.type(), arn,
                            shape(request.path("resourceConfig")))));
            case "CreateProcessingJob" -> Json.text(response, "/processingJobArn").ifPresent(arn -> records.add(
                    caller.provenance(SageMakerResource.Kind.PROCESSING_JOB.type(), arn,
                            shape(request.path("processingResources").path("clusterConfig")))));
            case "CreateTransformJob" -> Json.text(response, "/transformJobArn").ifPresent(arn -> records.add(
                    caller.provenance(SageMakerResource.Kind.TRANSFORM_JOB.type(), arn,
                            shape(request.path("transformResources")))));
            case "CreateNotebookInstance" -> Json.text(response, "/notebookInstanceArn").ifPresent(arn -> records.add(
                    caller.provenance(SageMakerResource.Kind.NOTEBOOK_INSTANCE.type(), arn, shape(request))));
            case "StartNotebookInstance" -> Json.text(request, "/notebookInstanceName").ifPresent(name -> records.add(
                    caller.provenance(SageMakerResource.Kind.NOTEBOOK_INSTANCE.type(),
                            arn(caller, SageMakerResource.Kind.NOTEBOOK_INSTANCE.arnResource(), name), Map.of())));
            case "CreateEndpoint", "UpdateEndpoint" -> endpoint(request, response, caller).ifPresent(records::add);
            case "CreateEndpointConfig" -> Json.text(response, "/endpointConfigArn").ifPresent(arn -> records.add(
                    caller.provenance(ENDPOINT_CONFIG, arn, variants(request.path("productionVariants")))));
            default -> { }
        }
        return records;
    }

    // The endpoint, naming the configuration it runs (whose own record says the instance types).
    private static Optional<Provenance> endpoint(JsonNode request, JsonNode response, CloudTrailCaller caller) {
        Optional<String> arn = Json.text(response, "/endpointArn").or(() -> Json.text(request, "/endpointName")
                .map(name -> arn(caller, SageMakerResource.Kind.ENDPOINT.arnResource(), name)));
        if (arn.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> details = new HashMap<>();
        Json.text(request, "/endpointConfigName").ifPresent(config -> details.put(ENDPOINT_CONFIG_ARN,
                arn(caller, "endpoint-config", config)));
        return Optional.of(caller.provenance(SageMakerResource.Kind.ENDPOINT.type(), arn.get(), details));
    }

    // A job's or notebook's instance type and count, as the request set them.
    private static Map<String, String> shape(JsonNode resources) {
        Map<String, String> details = new HashMap<>();
        Json.text(resources, "/instanceType").ifPresent(type -> details.put(SpendShape.INSTANCE_TYPE, type));
        Json.text(resources, "/instanceCount").ifPresent(count -> details.put(INSTANCE_COUNT, count));
        return details;
    }

    // An endpoint configuration's variants: each instance type and count (a serverless variant names neither).
    private static Map<String, String> variants(JsonNode variants) {
        Set<String> types = new LinkedHashSet<>();
        List<String> counts = new ArrayList<>();
        for (JsonNode variant : variants) {
            Json.text(variant, "/instanceType").ifPresent(types::add);
            Json.text(variant, "/initialInstanceCount").ifPresent(counts::add);
        }
        Map<String, String> details = new HashMap<>();
        if (!types.isEmpty()) {
            details.put(SpendShape.INSTANCE_TYPE, String.join(",", types));
        }
        if (!counts.isEmpty()) {
            details.put(INSTANCE_COUNT, String.join(",", counts));
        }
        return details;
    }

    /** {@code node} with every object key's first letter lower-cased, at every depth (values untouched). */
    static JsonNode lowerCamel(JsonNode node) {
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode array = Json.MAPPER.createArrayNode();
            node.forEach(child -> array.add(lowerCamel(child)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        com.fasterxml.jackson.databind.node.ObjectNode object = Json.object();
        node.properties().forEach(e -> object.set(e.getKey().isEmpty() ? e.getKey()
                : Character.toLowerCase(e.getKey().charAt(0)) + e.getKey().substring(1), lowerCamel(e.getValue())));
        return object;
    }

    private static String arn(CloudTrailCaller caller, String resource, String name) {
        return "arn:" + caller.partition() + ":sagemaker:" + caller.region() + ":" + caller.accountId() + ":"
                + resource + "/" + name.toLowerCase(Locale.ROOT);
    }
}
