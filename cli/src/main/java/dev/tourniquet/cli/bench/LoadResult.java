package dev.tourniquet.cli.bench;

import dev.tourniquet.cli.local.OperationRecorder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link LoadBurst} measured. Times are on the pacers' clock: the machine's in the benchmark, virtual in
 * the tests (where only pacing takes time).
 *
 * @param handlerMillis          each finding's delivery, from a worker taking it to its response
 * @param queuedMillis           each finding's wait for a worker, from its arrival
 * @param drainSeconds           from the first arrival to the last response
 * @param lambdaCallsPerRegion   Lambda calls sent, by region (attempts: retries count)
 * @param busiestWindow          the most Lambda calls sent to one region in any one second
 * @param heapBeforeBytes        heap in use before the burst
 * @param peakHeapBytes          the most heap in use at any sample during the burst
 * @param peakLiveHeapBytes      the most heap still in use after a collection during the burst (0: none ran)
 * @param answered               deliveries that returned a response
 * @param classifiedErrors       deliveries that failed with an error the handler classified (Lambda retries)
 * @param unanswered             the functions whose finding got neither: lost
 * @param incidents              the GuardDuty incident records in the table
 * @param functionsWithOneIncident functions with exactly one incident record
 */
public record LoadResult(LoadBurst.Settings settings, List<Double> handlerMillis, List<Double> queuedMillis,
                         double drainSeconds, Map<String, Integer> lambdaCallsPerRegion, int busiestWindow,
                         long heapBeforeBytes, long peakHeapBytes, long peakLiveHeapBytes, int answered,
                         int classifiedErrors, List<String> unanswered, int incidents, int functionsWithOneIncident) {

    static LoadResult of(LoadBurst.Settings settings, List<LoadBurst.Delivered> delivered, OperationRecorder recorder,
                         HeapWatch heap, Map<String, Integer> incidentsBySubject, List<String> functions) {
        List<CallRate.RegionRate> rates = CallRate.of(SweepContainment.controlPlane(recorder));
        Map<String, Integer> perRegion = new TreeMap<>();
        rates.forEach(rate -> perRegion.put(rate.region(), rate.calls()));
        long first = delivered.stream().mapToLong(LoadBurst.Delivered::arrivedNanos).min().orElse(0);
        long last = delivered.stream().mapToLong(LoadBurst.Delivered::doneNanos).max().orElse(first);
        return new LoadResult(settings,
                delivered.stream().map(d -> (d.doneNanos() - d.startedNanos()) / 1e6).toList(),
                delivered.stream().map(d -> (d.startedNanos() - d.arrivedNanos()) / 1e6).toList(),
                (last - first) / 1e9, perRegion, CallRate.busiestWindow(rates), heap.before(), heap.peakUsed(),
                heap.peakAfterCollection(), (int) delivered.stream().filter(LoadBurst.Delivered::answered).count(),
                (int) delivered.stream().filter(LoadBurst.Delivered::classifiedError).count(),
                delivered.stream().filter(d -> !d.answered() && !d.classifiedError())
                        .map(LoadBurst.Delivered::functionArn).toList(),
                incidentsBySubject.values().stream().mapToInt(Integer::intValue).sum(),
                (int) functions.stream().filter(arn -> incidentsBySubject.getOrDefault(arn, 0) == 1).count());
    }

    /** Findings with neither a response nor a classified error. */
    public int eventsLost() {
        return unanswered.size();
    }

    /** Functions with no incident record, or more than one. */
    public int functionsWithoutOneIncident() {
        return settings.events() - functionsWithOneIncident;
    }

    /** The shortest the burst could take: the busiest region's Lambda calls at 15 a second. */
    public double floorSeconds() {
        return PacingFloor.lambda().floorSeconds(lambdaCallsPerRegion);
    }
}
