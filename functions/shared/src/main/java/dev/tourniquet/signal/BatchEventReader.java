package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads AWS Batch's CloudTrail records into provenance of the workloads they create, start or change
 * ({@link Workload}): {@code CreateComputeEnvironment} and {@code UpdateComputeEnvironment} name a compute environment
 * (its instance types kept as {@link SpendShape#INSTANCE_TYPE}, its {@code maxvCpus} as {@link #MAX_VCPUS}),
 * {@code CreateJobQueue} and {@code UpdateJobQueue} a job queue, {@code SubmitJob} a job (its queue kept as
 * {@link #JOB_QUEUE}). Batch is a REST-JSON API: {@code requestParameters} camelCase, the ARN in
 * {@code responseElements} ({@code computeEnvironmentArn}, {@code jobQueueArn}, {@code jobArn}); an update names its
 * target by name or ARN ({@code computeEnvironment}, {@code jobQueue}), so the ARN is built from a name when the
 * response lacks it. An update that only disables or shrinks (state {@code DISABLED}, no larger capacity, no new
 * types) starts nothing and is not recorded: Tourniquet's own containment and an owner's clean-up are such updates.
 *
 * @see <a href="https://docs.aws.amazon.com/batch/latest/userguide/logging-using-cloudtrail.html">Batch in
 *     CloudTrail</a>
 */
final class BatchEventReader {
    static final Set<String> EVENTS = Set.of("CreateComputeEnvironment", "UpdateComputeEnvironment", "CreateJobQueue",
            "UpdateJobQueue", "SubmitJob");
    /** A compute environment's maximum vCPUs, as the call set it. */
    static final String MAX_VCPUS = "maxvCpus";
    /** The queue a job was submitted to. */
    static final String JOB_QUEUE = "jobQueue";
    /** A job's definition. */
    static final String JOB_DEFINITION = "jobDefinition";

    private BatchEventReader() {}

    static List<Provenance> records(JsonNode record, CloudTrailCaller caller) {
        JsonNode request = record.path("requestParameters");
        JsonNode response = record.path("responseElements");
        return switch (caller.eventName()) {
            case "CreateComputeEnvironment" -> environment(Json.text(response, "/computeEnvironmentArn"),
                    Json.text(request, "/computeEnvironmentName"), request, caller);
            case "UpdateComputeEnvironment" -> startsSomething(request) ? environment(
                    Json.text(response, "/computeEnvironmentArn"), Json.text(request, "/computeEnvironment"), request,
                    caller) : List.of();
            case "CreateJobQueue" -> arn(Json.text(response, "/jobQueueArn"), Json.text(request, "/jobQueueName"),
                    "job-queue", caller).map(a -> List.of(caller.provenance(BatchResource.Kind.JOB_QUEUE.type(), a)))
                    .orElse(List.of());
            case "UpdateJobQueue" -> !"DISABLED".equals(Json.text(request, "/state").orElse("")) ? arn(
                    Json.text(response, "/jobQueueArn"), Json.text(request, "/jobQueue"), "job-queue", caller)
                    .map(a -> List.of(caller.provenance(BatchResource.Kind.JOB_QUEUE.type(), a))).orElse(List.of())
                    : List.of();
            case "SubmitJob" -> Json.text(response, "/jobArn").or(() -> Json.text(response, "/jobId")
                    .map(id -> "arn:" + caller.partition() + ":batch:" + caller.region() + ":" + caller.accountId()
                            + ":job/" + id)).map(a -> List.of(caller.provenance(BatchResource.Kind.JOB.type(), a,
                            job(request)))).orElse(List.of());
            default -> List.of();
        };
    }

    private static List<Provenance> environment(Optional<String> arn, Optional<String> name, JsonNode request,
                                                CloudTrailCaller caller) {
        Map<String, String> details = SpendShapeReader.withTypes(Map.of(), request.at("/computeResources/instanceTypes")
                .isArray() ? typesOf(request.at("/computeResources/instanceTypes")) : request.path("none"));
        Map<String, String> all = new HashMap<>(details);
        Json.text(request, "/computeResources/maxvCpus").ifPresent(v -> all.put(MAX_VCPUS, v));
        return arn(arn, name, "compute-environment", caller)
                .map(a -> List.of(caller.provenance(BatchResource.Kind.COMPUTE_ENVIRONMENT.type(), a, all)))
                .orElse(List.of());
    }

    // Batch lists instance types as plain strings ("optimal", "c5", "g5.xlarge"): the footprint reads
    // {instanceType: …} members, so each becomes one. "optimal" and bare families are kept as written (a denied family is denied); "optimal" (Batch picks) names nothing.
    private static JsonNode typesOf(JsonNode types) {
        com.fasterxml.jackson.databind.node.ArrayNode wrapped = Json.MAPPER.createArrayNode();
        types.forEach(t -> {
            if (!"optimal".equals(t.asText())) {
                wrapped.addObject().put("instanceType", t.asText());
            }
        });
        return wrapped;
    }

    private static Map<String, String> job(JsonNode request) {
        Map<String, String> details = new HashMap<>();
        Json.text(request, "/jobQueue").ifPresent(q -> details.put(JOB_QUEUE, q));
        Json.text(request, "/jobDefinition").ifPresent(d -> details.put(JOB_DEFINITION, d));
        return details;
    }

    // An update that disables the environment, or sets no capacity above zero and no types, starts nothing.
    private static boolean startsSomething(JsonNode request) {
        if ("DISABLED".equals(Json.text(request, "/state").orElse(""))) {
            return false;
        }
        JsonNode resources = request.path("computeResources");
        boolean grows = resources.path("maxvCpus").asInt(0) > 0 || resources.path("desiredvCpus").asInt(0) > 0
                || resources.path("minvCpus").asInt(0) > 0 || resources.path("instanceTypes").size() > 0;
        return grows || "ENABLED".equals(Json.text(request, "/state").orElse(""));
    }

    // The ARN the response names; else built from a name (an update may name its target by ARN already).
    private static Optional<String> arn(Optional<String> fromResponse, Optional<String> nameOrArn, String kind,
                                        CloudTrailCaller caller) {
        return fromResponse.or(() -> nameOrArn.map(n -> n.startsWith("arn:") ? n : "arn:" + caller.partition()
                + ":batch:" + caller.region() + ":" + caller.accountId() + ":" + kind + "/" + n));
    }
}
