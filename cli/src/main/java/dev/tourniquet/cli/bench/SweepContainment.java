package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.RatePacer;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.step.lambda.LambdaClients;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Measurement 3: a credential that created functions across regions is contained, and the sweep that
 * follows quarantines every one of them: its wall time against the floor that Lambda's 15 requests per
 * second per region sets ({@link PacingFloor}), and the calls each region got in any one second
 * ({@link CallRate}).
 *
 * <p>The sweep is whatever function {@code template.yaml} routes Tourniquet's "Credential Contained" chain
 * event to: the event is delivered through the template's rules like every other ({@link Replayer}), so a
 * sweeping function plugs in by its rule alone. Until one exists, {@link #run} reports itself skipped and
 * {@link #pacing} measures the pacer alone ({@link RatePacer} on Lambda clients in every region).
 */
final class SweepContainment {
    static final String NAME = "sweep";
    static final String PACING = "sweep pacing (RatePacer alone)";
    private static final String STOPPING_CALL = "lambda:PutFunctionConcurrency";

    private final BenchAccount account;
    private final Path root;

    SweepContainment(BenchAccount account, Path root) {
        this.account = account;
        this.root = root;
    }

    Measurement run(int functions, int regions) {
        EventRouter router = new EventRouter(TemplateRules.load(root.resolve("template.yaml")));
        String method = "a user's key that created " + functions + " functions over " + regions + " regions (provenance"
                + " recorded) is exposed; the event goes through template.yaml's rules, the credential function"
                + " contains the key and its 'Credential Contained' chain event is routed to the sweeping function"
                + " (code packages served from a local HTTP server, as S3 serves them);"
                + " stopped: time from the sweeping function's delivery start until its last successful PutFunctionConcurrency"
                + " returned vs max(PutFunctionConcurrency calls in a region) ÷ 15/s (the first phase: one stopping"
                + " call a function, before any evidence); whole sweep: wall time of that delivery vs max(Lambda"
                + " control-plane calls in a region) ÷ 15/s (GetFunction, on its own 100/s quota, not counted);"
                + " Lambda calls counted per region in every 1-second window, from the moment each attempt is sent.";
        if (router.route(probe(), "tourniquet").isEmpty()) {
            return Measurement.skipped(NAME, method, "no function in template.yaml takes the 'Credential Contained'"
                    + " chain event yet (the sweep arrives with the quarantine-function function, issue 3)");
        }
        BenchAccount.ExposedKey key = account.exposedKey();
        List<String> arns = SweepScene.create(account, key, functions, regions);
        OperationRecorder recorder = new OperationRecorder();
        List<ObjectNode> deliveries;
        try (CodeServer code = CodeServer.serving(SweepScene.zip())) {
            Replayer replayer = new Replayer(router, new Functions(new AwsClients(account.configuration(),
                    List.of(recorder, code.rewriter()))), account.local(), line -> { });
            // Chain events the earlier measurements emitted wait on the capture queue: only this one's may follow.
            account.local().takeChainEvents();
            deliveries = replayer.replay(key.event());
        }
        long sweepMillis = deliveries.stream().filter(d -> ChainEvents.CREDENTIAL_CONTAINED.equals(
                d.path("detailType").asText())).mapToLong(d -> d.path("millis").asLong()).sum();
        long failed = deliveries.stream().filter(d -> d.has("error")).count();
        List<Metric> metrics = new ArrayList<>(stoppedMetrics(deliveries, recorder));
        metrics.addAll(pacingMetrics(sweepMillis / 1000.0, recorder));
        metrics.add(Metric.atMost("deliveries that failed", failed, "", 0));
        ObjectNode details = pacingDetails(recorder).put("functions", arns.size()).put("regions", regions);
        deliveries.forEach(d -> details.withArray("deliveries").add(d.deepCopy().without("response")));
        return Measurement.of(NAME, method, metrics, details);
    }

    /** The pacer alone: {@code calls} Lambda calls per region, one thread per region, through one RatePacer. */
    Measurement pacing(int calls, int regions) {
        OperationRecorder recorder = new OperationRecorder();
        AwsClients clients = new AwsClients(account.configuration(), List.of(recorder));
        RatePacer pacer = clients.pacer("lambda", PacingFloor.lambda().requestsPerSecond());
        List<String> names = SweepScene.REGIONS.subList(0, Math.min(regions, SweepScene.REGIONS.size()));
        // Clients built and the SDK's Lambda classes loaded before the clock starts: this measures the pacer.
        List<LambdaClient> paced = names.stream().map(region -> {
            account.admin().client("lambda", region, LambdaClient::builder).listFunctions(r -> r.maxItems(1));
            return clients.client("lambda", region, LambdaClient::builder, List.of(pacer));
        }).toList();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(regions)) {
            for (LambdaClient lambda : paced) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        lambda.listFunctions(r -> r.maxItems(1));
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a paced Lambda call failed: " + e.getCause().getMessage(), e);
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        String method = calls + " lambda:ListFunctions calls in each of " + regions + " regions, one thread per region,"
                + " through one RatePacer(15/s) on Lambda clients built by AwsClients (built, and the SDK warmed by"
                + " one unpaced call per region, before the clock starts); wall time vs max(calls in a region) ÷ 15/s;"
                + " calls counted per region in every 1-second window from the moment each is sent.";
        return Measurement.of(PACING, method, pacingMetrics(wallSeconds, recorder), pacingDetails(recorder));
    }

    private static List<Metric> pacingMetrics(double wallSeconds, OperationRecorder recorder) {
        List<CallRate.RegionRate> rates = CallRate.of(lambdaCalls(recorder));
        java.util.Map<String, Integer> perRegion = new java.util.TreeMap<>();
        rates.forEach(rate -> perRegion.put(rate.region(), rate.calls()));
        PacingFloor floor = PacingFloor.lambda();
        return List.of(
                Metric.of("Lambda calls (busiest region)", perRegion.values().stream().mapToInt(i -> i).max()
                        .orElse(0), ""),
                Metric.of("wall time", wallSeconds, "s"),
                Metric.of("floor at 15/s per region", floor.floorSeconds(perRegion), "s"),
                Metric.atMost("wall ÷ floor", floor.ratio(wallSeconds, perRegion), "x", 1.2),
                Metric.atMost("most calls in any 1 s, any region", CallRate.busiestWindow(rates), "",
                        floor.requestsPerSecond()));
    }

    private static ObjectNode pacingDetails(OperationRecorder recorder) {
        ObjectNode details = Json.object();
        ObjectNode regions = details.putObject("lambdaCallsPerRegion");
        for (CallRate.RegionRate rate : CallRate.of(lambdaCalls(recorder))) {
            ObjectNode region = regions.putObject(rate.region()).put("calls", rate.calls())
                    .put("busiestSecond", rate.busiestSecond()).put("busiestWindow", rate.busiestWindow());
            rate.perSecond().forEach(region.putArray("perSecond")::add);
        }
        return details;
    }

    private static List<CallRate.Sent> lambdaCalls(OperationRecorder recorder) {
        return controlPlane(recorder);
    }

    /**
     * The Lambda calls that count against the control plane's 15 a second per region: every one but those with a
     * quota of their own ({@code GetFunction}, 100 a second: {@link LambdaClients#OWN_QUOTAS}).
     */
    static List<CallRate.Sent> controlPlane(OperationRecorder recorder) {
        return lambda(recorder, operation -> !LambdaClients.OWN_QUOTAS.containsKey(operation));
    }

    private static List<CallRate.Sent> lambda(OperationRecorder recorder, java.util.function.Predicate<String> operation) {
        return recorder.transmissions().stream().filter(t -> "lambda".equals(t.service()))
                .filter(t -> operation.test(t.operation()))
                .map(t -> new CallRate.Sent(t.region(), t.nanos())).toList();
    }

    /**
     * Time from the sweep delivery's start until its last successful stopping call ({@code PutFunctionConcurrency})
     * returned, against the floor of one such call per function at 15 a second in the busiest region.
     */
    private static List<Metric> stoppedMetrics(List<ObjectNode> deliveries, OperationRecorder recorder) {
        List<OperationRecorder.Call> stops = recorder.calls().stream().filter(OperationRecorder.Call::succeeded)
                .filter(call -> call.actions().contains(STOPPING_CALL)).toList();
        long firstStop = stops.stream().mapToLong(OperationRecorder.Call::startNanos).min().orElse(Long.MAX_VALUE);
        // The sweeping function's delivery: the last "Credential Contained" delivery to start before the first stop
        // (the credential function's and the history sweep's deliveries of the same event come before it).
        long start = deliveries.stream().filter(d -> ChainEvents.CREDENTIAL_CONTAINED.equals(
                d.path("detailType").asText())).mapToLong(d -> d.path("startNanos").asLong())
                .filter(started -> started <= firstStop).max().orElse(0);
        long last = stops.stream().mapToLong(call -> call.startNanos() + call.nanos()).max().orElse(start);
        java.util.Map<String, Integer> perRegion = new java.util.TreeMap<>();
        stops.forEach(call -> perRegion.merge(call.region(), 1, Integer::sum));
        PacingFloor floor = PacingFloor.lambda();
        double seconds = (last - start) / 1e9;
        return List.of(
                Metric.of("stopping calls (" + STOPPING_CALL + ", busiest region)", perRegion.values().stream()
                        .mapToInt(i -> i).max().orElse(0), ""),
                Metric.of("time until every swept resource is stopped", seconds, "s"),
                Metric.of("stop floor: one call a function at 15/s per region", floor.floorSeconds(perRegion), "s"),
                Metric.atMost("time until every swept resource is stopped ÷ floor", floor.ratio(seconds, perRegion),
                        "x", 1.2),
                Metric.atMost("most GetFunction calls in any 1 s, any region (own quota)", CallRate.busiestWindow(
                        CallRate.of(lambda(recorder, LambdaClients.OWN_QUOTAS::containsKey))), "", 100));
    }

    // The shape of the credential function's chain event: enough for the template's rules to route it.
    private static JsonNode probe() {
        ObjectNode event = Json.object().put("version", "0").put("id", "bench-probe")
                .put("detail-type", ChainEvents.CREDENTIAL_CONTAINED).put("source", ChainEvents.SOURCE)
                .put("account", LocalAccount.ACCOUNT_ID).put("time", Instant.now().toString())
                .put("region", BenchAccount.REGION);
        event.putArray("resources");
        event.putObject("detail").put("incidentId", "bench-probe").put("accessKeyId", "AKIAIOSFODNN7EXAMPLE");
        return event;
    }
}
