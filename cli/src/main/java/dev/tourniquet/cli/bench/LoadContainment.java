package dev.tourniquet.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.RatePacer;
import dev.tourniquet.records.IncidentStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Measurement 5: a burst of GuardDuty findings on as many mining functions over five regions, at 1,000 a minute,
 * through the template's rules into the real handlers ({@link LoadBurst}): handler time under load, the heap,
 * Lambda's per-region limit, and that no finding is lost.
 */
final class LoadContainment {
    static final String NAME = "load";
    /** The order of arrival and every id: runs are repeatable. */
    static final long SEED = 20261202L;
    /**
     * What a delivery may take under the burst: its incident's claim lease. An attempt that outlives it may see a
     * duplicate delivery take the incident over beside it.
     */
    static final double P99_TARGET_MS = IncidentStore.LEASE.toMillis();

    private LoadContainment() {}

    static Measurement run(BenchAccount account, Path root, int events, int regions) {
        LoadResult result = new LoadBurst(root, account.configuration(), account.admin(), account.local(),
                RatePacer.Time.REAL).run(LoadBurst.Settings.of(events, regions, SEED));
        List<Metric> metrics = List.of(
                Metric.of("handler p50", Statistics.percentile(result.handlerMillis(), 50), "ms"),
                Metric.atMost("handler p99", Statistics.percentile(result.handlerMillis(), 99), "ms", P99_TARGET_MS),
                Metric.of("waiting for a worker, p99", Statistics.percentile(result.queuedMillis(), 99), "ms"),
                Metric.of("burst drained", result.drainSeconds(), "s"),
                Metric.of("floor at 15/s per region", result.floorSeconds(), "s"),
                Metric.of("peak heap used", result.peakHeapBytes() / 1e6, "MB"),
                Metric.of("peak heap after a collection", result.peakLiveHeapBytes() / 1e6, "MB"),
                Metric.atMost("most Lambda calls in any 1 s, any region", result.busiestWindow(), "",
                        PacingFloor.lambda().requestsPerSecond()),
                Metric.atMost("events lost", result.eventsLost(), "", 0),
                Metric.atMost("functions without exactly one incident", result.functionsWithoutOneIncident(), "", 0));
        return Measurement.of(NAME, method(result.settings()), metrics, details(result));
    }

    private static ObjectNode details(LoadResult result) {
        LoadBurst.Settings settings = result.settings();
        ObjectNode details = Json.object().put("events", settings.events()).put("regions", settings.regions())
                .put("windowSeconds", settings.window().toMillis() / 1000.0).put("workers", settings.workers())
                .put("seed", settings.seed()).put("answered", result.answered())
                .put("classifiedErrors", result.classifiedErrors()).put("incidents", result.incidents())
                .put("heapBeforeBytes", result.heapBeforeBytes()).put("peakHeapBytes", result.peakHeapBytes())
                .put("peakLiveHeapBytes", result.peakLiveHeapBytes())
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.unanswered().forEach(details.putArray("lost")::add);
        result.lambdaCallsPerRegion().forEach(details.putObject("lambdaCallsPerRegion")::put);
        result.handlerMillis().forEach(details.putArray("handlerMillis")::add);
        result.queuedMillis().forEach(details.putArray("queuedMillis")::add);
        return details;
    }

    private static String method(LoadBurst.Settings settings) {
        return settings.events() + " GuardDuty Lambda findings (BitcoinTool.B), one on each of as many functions"
                + " spread over " + settings.regions() + " regions, arriving evenly over "
                + settings.window().toSeconds() + " s in a seeded order (" + settings.seed() + "); creators unknown"
                + " (no provenance, an empty CloudTrail history), so each is one incident that names no credential;"
                + " each routed through template.yaml's rules into the real handler by " + settings.workers()
                + " workers sharing one set of clients (one Lambda pacer, as one execution environment);"
                + " handler time = replay of one finding, from a worker taking it to its response; heap sampled every"
                + " 10 ms and after each collection; Lambda calls counted per region in every 1-second window;"
                + " lost = no response and no classified error; incidents counted in the table. On an empty account.";
    }
}
