package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.cli.local.EventFiles;
import dev.tourniquet.cli.local.EventRouter;
import dev.tourniquet.cli.local.Functions;
import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.cli.local.OperationRecorder;
import dev.tourniquet.cli.local.Replayer;
import dev.tourniquet.cli.local.TemplateRules;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.RatePacer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load measurement's run (public: the emulator tests run it small, on a virtual clock). A burst of GuardDuty
 * findings, one on each of many mining functions spread over regions, arrives evenly over a window in a seeded
 * order; the functions' creators are unknown to Tourniquet (no provenance, an empty CloudTrail history), so each
 * finding is one incident of the quarantine function and names no credential. Each finding is routed through
 * template.yaml's rules ({@link Replayer}) into the real handlers, {@link Settings#workers} at a time: that many
 * concurrent invocations sharing one set of clients, and so one Lambda pacer, as one execution environment's
 * deliveries do. Times are read on the pacers' clock ({@link RatePacer.Time}).
 */
public final class LoadBurst {
    static final String SAMPLE = "guardduty-lambda-bitcoin-tool.json";

    private final Path root;
    private final Configuration configuration;
    private final AwsClients admin;
    private final LocalAccount account;
    private final RatePacer.Time time;

    public LoadBurst(Path root, Configuration configuration, AwsClients admin, LocalAccount account,
                     RatePacer.Time time) {
        this.root = root;
        this.configuration = configuration;
        this.admin = admin;
        this.account = account;
        this.time = time;
    }

    /**
     * How big a burst.
     *
     * @param window  over which the findings arrive, evenly
     * @param workers deliveries handled at once
     * @param seed    the order of arrival and every id
     */
    public record Settings(int events, int regions, Duration window, int workers, long seed) {
        /** At 1,000 findings a minute, two workers per region (as a sweep runs). */
        public static Settings of(int events, int regions, long seed) {
            return new Settings(events, regions, Duration.ofMillis(60L * events), 2 * regions, seed);
        }
    }

    /** What one finding's delivery gave: its times on the pacers' clock and how it ended. */
    record Delivered(String functionArn, long arrivedNanos, long startedNanos, long doneNanos, JsonNode line) {
        boolean answered() {
            return line.has("response");
        }

        /** Failed with an error the handler classified (retried by Lambda, or dead-lettered), not silently. */
        boolean classifiedError() {
            return line.has("error") && line.has("retryable");
        }
    }

    public LoadResult run(Settings settings) {
        List<String> regions = SweepScene.REGIONS.subList(0, Math.min(settings.regions(), SweepScene.REGIONS.size()));
        Random random = new Random(settings.seed());
        String run = HexFormat.of().toHexDigits((short) random.nextInt());
        String role = SweepScene.role(admin, "bench-load-role-" + run);
        List<String> arns = SweepScene.deploy(admin, role, "load-miner-" + run + "-", settings.events(), regions,
                (region, name, arn) -> { });
        List<JsonNode> findings = new ArrayList<>();
        ObjectNode sample = (ObjectNode) EventFiles.read(root.resolve("events").resolve(SAMPLE));
        arns.forEach(arn -> findings.add(finding(sample, arn, role, random)));
        Collections.shuffle(findings, random);
        OperationRecorder recorder = new OperationRecorder(time.nanoTime());
        List<Delivered> delivered;
        HeapWatch heap = HeapWatch.start();
        try (CodeServer code = CodeServer.serving(SweepScene.zip())) {
            AwsClients clients = new AwsClients(configuration.withServiceEndpoint("cloudtrail", code.cloudTrail()),
                    List.of(recorder, code.rewriter()), time);
            Replayer replayer = new Replayer(new EventRouter(TemplateRules.load(root.resolve("template.yaml"))),
                    new Functions(clients), account, line -> { });
            delivered = deliver(findings, settings, replayer);
        } finally {
            heap.close();
        }
        return LoadResult.of(settings, delivered, recorder, heap, incidentsBySubject(), arns);
    }

    // Findings arrive at their moment on the feeding thread; the workers take them in order of arrival.
    private List<Delivered> deliver(List<JsonNode> findings, Settings settings, Replayer replayer) {
        long gap = settings.window().toNanos() / Math.max(1, findings.size());
        List<Future<Delivered>> running = new ArrayList<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(settings.workers())) {
            long start = time.nanoTime().getAsLong();
            for (int i = 0; i < findings.size(); i++) {
                long arrives = start + i * gap;
                JsonNode finding = findings.get(i);
                time.waitUntil(arrives);
                running.add(workers.submit(() -> handle(replayer, finding, arrives)));
            }
            return Futures.all(running, "the burst");
        }
    }

    private Delivered handle(Replayer replayer, JsonNode finding, long arrives) {
        // On a virtual clock each worker keeps its own time: it starts no earlier than the finding arrived.
        time.waitUntil(arrives);
        long started = time.nanoTime().getAsLong();
        List<ObjectNode> lines = replayer.replay(finding);
        long done = time.nanoTime().getAsLong();
        String arn = finding.at("/detail/resource/lambdaDetails/functionArn").asText();
        return new Delivered(arn, arrives, started, done, lines.isEmpty() ? Json.object() : lines.get(0));
    }

    /** The incident records of GuardDuty findings in the table, counted by the resource they are about. */
    private Map<String, Integer> incidentsBySubject() {
        Map<String, Integer> bySubject = new TreeMap<>();
        admin.dynamoDb().scanPaginator(r -> r.tableName(configuration.tableName())).items().stream()
                .filter(item -> item.get("pk").s().startsWith("INCIDENT#") && "INCIDENT".equals(item.get("sk").s()))
                .filter(item -> "aws.guardduty".equals(text(item, "source")))
                .forEach(item -> bySubject.merge(text(item, "subject"), 1, Integer::sum));
        return bySubject;
    }

    // The sample finding made to name one function, with ids of its own (from the seed).
    private static JsonNode finding(ObjectNode sample, String arn, String role, Random random) {
        String region = arn.split(":")[3];
        String name = arn.substring(arn.lastIndexOf(':') + 1);
        ObjectNode event = sample.deepCopy().put("id", new UUID(random.nextLong(), random.nextLong()).toString())
                .put("region", region);
        ObjectNode detail = (ObjectNode) event.path("detail");
        detail.put("region", region).put("id", HexFormat.of().toHexDigits(random.nextLong())
                + HexFormat.of().toHexDigits(random.nextLong()))
                .put("title", detail.path("title").asText().replace("xmrig-worker-1", name));
        ((ObjectNode) detail.path("resource").path("lambdaDetails")).put("functionArn", arn).put("functionName", name)
                .put("role", role);
        return event;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
