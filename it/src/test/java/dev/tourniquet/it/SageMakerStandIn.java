package dev.tourniquet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.tourniquet.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * SageMaker's jobs as Tourniquet meets them, in front of moto (a {@link MotoStandIn}, proxying everything else):
 * moto 5.2.5 has no {@code StopTrainingJob} and no {@code StopTransformJob}, and it marks every job {@code Completed} the
 * moment it is created, where a real job runs for hours. This stand-in answers those two Stop calls itself (after
 * checking with moto that the job exists) and reports a job moto calls {@code Completed} as {@code InProgress} until a
 * Stop reached it, then {@code Stopped}; {@code StopProcessingJob}, which moto has, goes to moto. SageMaker's JSON 1.1
 * protocol names the operation in {@code X-Amz-Target: SageMaker.<Operation>}.
 *
 * <p>The upstream may be moto itself or the fault proxy in front of it ({@link #upstream}): an upstream that drops the
 * connection drops this one too. Verified only against this stand-in: StopTrainingJob, StopTransformJob, and the
 * running-then-stopped status of training, processing and transform jobs.
 *
 * <p>moto starts a notebook {@code InService} at once, where SageMaker keeps it {@code Pending} for minutes: a notebook
 * named {@link #pending} is reported {@code Pending} until {@link #inService} (its other members are moto's).
 */
final class SageMakerStandIn extends MotoStandIn {
    /** The job operations it serves or rewrites: the Describe call, its name member and its status member. */
    private static final Map<String, String[]> JOBS = Map.of(
            "TrainingJob", new String[] {"TrainingJobName", "TrainingJobStatus"},
            "ProcessingJob", new String[] {"ProcessingJobName", "ProcessingJobStatus"},
            "TransformJob", new String[] {"TransformJobName", "TransformJobStatus"});

    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private SageMakerStandIn(URI upstream) throws IOException {
        super(upstream, Executors.newCachedThreadPool());
    }

    static SageMakerStandIn start(URI upstream) {
        try {
            return new SageMakerStandIn(upstream);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every job a Stop call reached, as {@code Kind/name} ({@code TrainingJob/llm-finetune-7}). */
    Set<String> stopped() {
        return Set.copyOf(stopped);
    }

    /** The notebook {@code name} is still starting: reported {@code Pending}, whatever moto says. */
    void pending(String name) {
        pending.add(name);
    }

    /** The notebook {@code name} has started: its status is moto's again. */
    void inService(String name) {
        pending.remove(name);
    }

    @Override
    void answer(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        String operation = target.startsWith("SageMaker.") ? target.substring("SageMaker.".length()) : "";
        // Its own operations first; the rest as moto answers them (amzTarget null: the caller's header kept).
        if (operation.equals("StopTrainingJob") || operation.equals("StopTransformJob")) {
            stop(exchange, operation.substring(4), body);
            return;
        }
        HttpResponse<byte[]> answer = forward(exchange, null, body);
        if (operation.equals("StopProcessingJob") && answer.statusCode() == 200) {
            stopped.add("ProcessingJob/" + name(body, "ProcessingJobName"));
        }
        if (operation.startsWith("Describe") && JOBS.containsKey(operation.substring(8))
                && answer.statusCode() == 200) {
            relay(exchange, answer, running(operation.substring(8), answer.body()));
            return;
        }
        if (operation.equals("DescribeNotebookInstance") && answer.statusCode() == 200
                && pending.contains(name(body, "NotebookInstanceName"))) {
            ObjectNode description = (ObjectNode) Json.MAPPER.readTree(answer.body());
            relay(exchange, answer, Json.MAPPER.writeValueAsBytes(description.put("NotebookInstanceStatus", "Pending")));
            return;
        }
        relay(exchange, answer, answer.body());
    }

    // A Stop moto lacks: the job must exist (moto's Describe says so, or answers why not); then it is stopped.
    private void stop(HttpExchange exchange, String job, byte[] body) throws IOException, InterruptedException {
        String name = name(body, JOBS.get(job)[0]);
        byte[] describe = Json.write(Json.object().put(JOBS.get(job)[0], name)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> exists = forward(exchange, "SageMaker.Describe" + job, describe);
        if (exists.statusCode() != 200) {
            relay(exchange, exists, exists.body());
            return;
        }
        stopped.add(job + "/" + name);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(200, empty.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(empty);
        }
    }

    // moto's Completed is a job still running here, until a Stop reached it.
    private byte[] running(String job, byte[] answer) throws IOException {
        ObjectNode description = (ObjectNode) Json.MAPPER.readTree(answer);
        String name = description.path(JOBS.get(job)[0]).asText();
        String status = JOBS.get(job)[1];
        if (stopped.contains(job + "/" + name)) {
            description.put(status, "Stopped");
        } else if ("Completed".equals(description.path(status).asText())) {
            description.put(status, "InProgress");
        }
        return Json.MAPPER.writeValueAsBytes(description);
    }

    private static String name(byte[] body, String member) throws IOException {
        JsonNode request = Json.MAPPER.readTree(body);
        return request.path(member).asText();
    }
}
