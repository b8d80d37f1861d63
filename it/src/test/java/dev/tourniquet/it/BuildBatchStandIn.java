package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MotoStandIn} for the four things moto 5.2.5 cannot show about CodeBuild and AWS Batch, everything else
 * passed through unchanged:
 * <ul>
 *   <li>a running build: moto's {@code BatchGetBuilds} marks every build {@code SUCCEEDED} on read. Here a build is
 *       {@code IN_PROGRESS} until a {@code StopBuild} passes through the proxy, then {@code STOPPED} (or
 *       {@code SUCCEEDED} once {@link #finish} says it ended on its own);</li>
 *   <li>batch builds: moto has none of CodeBuild's batch calls. Here a batch started by {@link #startBatch} is
 *       served by the stand-in alone ({@code BatchGetBuildBatches}, {@code StopBuildBatch}, {@code ListBuildBatches},
 *       {@code ListBuildBatchesForProject}, the list calls honouring {@code filter.status}): {@code IN_PROGRESS} until
 *       a {@code StopBuildBatch} passes through, then {@code STOPPED} (or {@code SUCCEEDED} once {@link #finish} says
 *       it ended on its own);</li>
 *   <li>a compute environment's vCPU bounds: moto's {@code UpdateComputeEnvironment} ignores {@code computeResources}.
 *       Here the bounds an update sets are remembered and shown by {@code DescribeComputeEnvironments};</li>
 *   <li>a running job: moto runs a job in Docker or finishes it at once. Here a job named by {@link #running} is
 *       {@code RUNNING} until a {@code TerminateJob} passes through the proxy, then {@code FAILED}.</li>
 * </ul>
 * Verified only against this stand-in: the build and job statuses, the vCPU bounds read back, and every batch-build
 * call, nothing else.
 */
final class BuildBatchStandIn extends MotoStandIn {
    private final Set<String> stoppedBuilds = ConcurrentHashMap.newKeySet();
    private final Set<String> finishedBuilds = ConcurrentHashMap.newKeySet();
    private final Map<String, ObjectNode> bounds = new ConcurrentHashMap<>();
    private final Set<String> runningJobs = ConcurrentHashMap.newKeySet();
    private final Set<String> terminatedJobs = ConcurrentHashMap.newKeySet();
    // Batch builds by id, in the order started: their ARN; stopped ones are also in stoppedBatches.
    private final Map<String, String> batches = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Set<String> stoppedBatches = ConcurrentHashMap.newKeySet();

    private BuildBatchStandIn(URI moto) throws IOException {
        super(moto, java.util.concurrent.Executors.newFixedThreadPool(4));
    }

    static BuildBatchStandIn in(URI moto) {
        try {
            return new BuildBatchStandIn(moto);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every build, bound and job (the emulator's moto was reset). */
    void reset() {
        stoppedBuilds.clear();
        finishedBuilds.clear();
        bounds.clear();
        runningJobs.clear();
        terminatedJobs.clear();
        batches.clear();
        stoppedBatches.clear();
    }

    /** A batch build of {@code project} started ({@code StartBuildBatch}, which moto lacks); returns its id. */
    String startBatch(String project, String arnPrefix) {
        String id = project + ":" + java.util.UUID.randomUUID();
        batches.put(id, arnPrefix + "build-batch/" + id);
        return id;
    }

    /** Whether a StopBuildBatch for the batch passed through. */
    boolean batchStopped(String batchId) {
        return stoppedBatches.contains(batchId);
    }

    /** The build ended on its own (its status {@code SUCCEEDED}). */
    void finish(String buildId) {
        finishedBuilds.add(buildId);
    }

    /** The job is running until terminated. */
    void running(String jobId) {
        runningJobs.add(jobId);
    }

    /** Whether a StopBuild for the build passed through. */
    boolean stopped(String buildId) {
        return stoppedBuilds.contains(buildId);
    }

    // Every call goes to moto; the answers that show a build, a job or an environment's bounds are rewritten.
    @Override
    void answer(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String path = exchange.getRequestURI().getPath();
        JsonNode request = body.length == 0 ? Json.object() : readOrEmpty(body);
        if (target.startsWith("CodeBuild_20161006.") && target.contains("BuildBatch")) {
            reply(exchange, buildBatches(target.substring("CodeBuild_20161006.".length()), request));
            return;
        }
        HttpResponse<byte[]> answer = forward(exchange, null, body);
        byte[] out = answer.body();
        if (answer.statusCode() == 200) {
            out = patched(target, path, request, out);
        }
        relay(exchange, answer, out);
    }

    private byte[] patched(String target, String path, JsonNode request, byte[] answer) {
        switch (target) {
            case "CodeBuild_20161006.StopBuild" -> {
                stoppedBuilds.add(request.path("id").asText());
                return withBuildStatus(answer, "/build");
            }
            case "CodeBuild_20161006.BatchGetBuilds" -> {
                return withBuildStatus(answer, "/builds");
            }
            default -> { }
        }
        switch (path) {
            case "/v1/updatecomputeenvironment" -> {
                JsonNode resources = request.path("computeResources");
                if (resources.isObject()) {
                    String name = Workloads.lastName(request.path("computeEnvironment").asText());
                    ObjectNode kept = bounds.computeIfAbsent(name, n -> Json.object());
                    resources.properties().forEach(e -> {
                        if (e.getKey().endsWith("vCpus")) {
                            kept.set(e.getKey(), e.getValue());
                        }
                    });
                }
                return answer;
            }
            case "/v1/describecomputeenvironments" -> {
                ObjectNode tree = read(answer);
                tree.path("computeEnvironments").forEach(env -> {
                    ObjectNode kept = bounds.get(env.path("computeEnvironmentName").asText());
                    if (kept != null && env.path("computeResources").isObject()) {
                        ((ObjectNode) env.path("computeResources")).setAll(kept);
                    }
                });
                return bytes(tree);
            }
            case "/v1/terminatejob" -> {
                terminatedJobs.add(request.path("jobId").asText());
                return answer;
            }
            case "/v1/describejobs" -> {
                ObjectNode tree = read(answer);
                tree.path("jobs").forEach(job -> {
                    String id = job.path("jobId").asText();
                    if (terminatedJobs.contains(id)) {
                        ((ObjectNode) job).put("status", "FAILED").put("statusReason", "terminated");
                    } else if (runningJobs.contains(id)) {
                        ((ObjectNode) job).put("status", "RUNNING");
                    }
                });
                return bytes(tree);
            }
            default -> {
                return answer;
            }
        }
    }

    // The batch-build calls, answered here: moto has none of them.
    private ObjectNode buildBatches(String operation, JsonNode request) {
        ObjectNode out = Json.object();
        switch (operation) {
            case "BatchGetBuildBatches" -> {
                var found = out.putArray("buildBatches");
                var missing = out.putArray("buildBatchesNotFound");
                request.path("ids").forEach(id -> {
                    if (batches.containsKey(id.asText())) {
                        found.add(batch(id.asText()));
                    } else {
                        missing.add(id.asText());
                    }
                });
            }
            case "StopBuildBatch" -> {
                String id = request.path("id").asText();
                if (batches.containsKey(id)) {
                    stoppedBatches.add(id);
                    out.set("buildBatch", batch(id));
                } else {
                    out.put("__type", "ResourceNotFoundException").put("message", "no batch " + id);
                }
            }
            case "ListBuildBatches", "ListBuildBatchesForProject" -> {
                String project = request.path("projectName").asText("");
                String status = request.path("filter").path("status").asText("");
                var ids = out.putArray("ids");
                synchronized (batches) {
                    batches.keySet().stream().filter(id -> project.isEmpty() || id.startsWith(project + ":"))
                            .filter(id -> status.isEmpty() || status.equals(status(id))).forEach(ids::add);
                }
            }
            default -> out.put("__type", "InvalidInputException").put("message", "not served: " + operation);
        }
        return out;
    }

    private String status(String batchId) {
        return stoppedBatches.contains(batchId) ? "STOPPED" : finishedBuilds.contains(batchId) ? "SUCCEEDED"
                : "IN_PROGRESS";
    }

    private ObjectNode batch(String id) {
        String status = status(id);
        return Json.object().put("id", id).put("arn", batches.get(id)).put("projectName", id.split(":", 2)[0])
                .put("buildBatchStatus", status).put("currentPhase", "IN_PROGRESS".equals(status) ? "IN_PROGRESS"
                        : "COMPLETE").put("complete", !"IN_PROGRESS".equals(status))
                .put("startTime", System.currentTimeMillis() / 1000.0);
    }

    private static void reply(HttpExchange exchange, ObjectNode body) throws IOException {
        byte[] bytes = bytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(body.has("__type") ? 400 : 200, bytes.length);
        try (java.io.OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private byte[] withBuildStatus(byte[] answer, String pointer) {
        ObjectNode tree = read(answer);
        JsonNode node = tree.at(pointer);
        (node.isArray() ? node : Json.MAPPER.createArrayNode().add(node)).forEach(build -> {
            if (!build.isObject()) {
                return;
            }
            String id = build.path("id").asText();
            String status = stoppedBuilds.contains(id) ? "STOPPED" : finishedBuilds.contains(id) ? "SUCCEEDED"
                    : "IN_PROGRESS";
            ((ObjectNode) build).put("buildStatus", status).put("currentPhase", "IN_PROGRESS".equals(status)
                    ? "BUILD" : "COMPLETED").put("buildComplete", !"IN_PROGRESS".equals(status));
        });
        return bytes(tree);
    }

    private static JsonNode readOrEmpty(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.object();
        }
    }

    private static ObjectNode read(byte[] body) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        return Json.write(tree).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Names as the Batch API takes them: an environment by name or ARN. */
    private static final class Workloads {
        static String lastName(String nameOrArn) {
            return nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1);
        }
    }
}
