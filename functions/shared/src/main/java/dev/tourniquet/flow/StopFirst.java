package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Plan;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.playbook.ThisAccountOnly;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.Outcome;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.StepRunner.StepOutcome;
import dev.tourniquet.step.Stopping;
import dev.tourniquet.step.ec2.IsolateNetwork;
import dev.tourniquet.step.ec2.StopInstance;
import dev.tourniquet.step.ec2.StopInstances;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A sweep's first phase (stop first, paperwork after): for every swept resource whose plan has a stopping step, that
 * one rate-limited call, across all regions at once, before any evidence. What is stopped is decided by the playbook
 * on the enriched signal, as the incident's full run decides it (plan mode, exemptions, own resources, samples,
 * another account's, holds), never again here. Each stop is recorded under the resource's own incident: claimed,
 * closed {@link IncidentStore#STOPPED} with the stopping step's record (the true prior state, which the full run's
 * later {@code already_applied} never replaces) and held, so that an attacker's undo is re-applied and a release
 * restores what was there. The full runs that follow ({@link IncidentRunner#respondByRegion}) resume these incidents.
 *
 * <p>Idempotent: an incident already STOPPED, completed or released is skipped (a resumed or continued sweep carries
 * on where it stopped), one another delivery holds is left to it. Functions: a few threads per region, the region's
 * pacer keeping the limit ({@code PutFunctionConcurrency} the only control-plane call; the reads use
 * {@code GetFunction}'s own quota). Instances: one region's stops batched ({@link StopInstances}); an instance whose
 * stop would erase instance store, or that cannot be stopped, is isolated first. One failing stop never blocks the
 * others.
 */
final class StopFirst {
    private static final StructuredLog LOG = StructuredLog.of(StopFirst.class);
    private static final int THREADS_PER_REGION = 4;
    private static final int MAX_THREADS = 32;

    private final Configuration configuration;
    private final Records records;
    private final SignalEnricher enricher;
    private final Playbook playbook;
    private final OutcomeRecorder recorder;

    StopFirst(Configuration configuration, Records records, SignalEnricher enricher, Playbook playbook) {
        this.configuration = configuration;
        this.records = records;
        this.enricher = enricher;
        this.playbook = playbook;
        this.recorder = new OutcomeRecorder(records);
    }

    /** A resource claimed for its stop: its incident, plan and the plan's stopping step. */
    private record Claimed(Signal signal, String incidentId, Plan plan, Step stopping, boolean fresh) {
    }

    /** What the phase did, counted. */
    private static final class Tally {
        final AtomicInteger stopped = new AtomicInteger();
        final AtomicInteger isolated = new AtomicInteger();
        final AtomicInteger already = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger notReached = new AtomicInteger();

        ObjectNode toJson() {
            return Json.object().put("stopped", stopped.get()).put("isolated", isolated.get())
                    .put("alreadyStopped", already.get()).put("failed", failed.get())
                    .put("notReached", notReached.get());
        }
    }

    ObjectNode stop(List<Signal> signals) {
        return stop(signals, () -> true);
    }

    /**
     * @param signals          a sweep's signals (any regions; a continuation may pass what is left)
     * @param mayStartAnother  asked before each resource: false leaves the rest to the full runs (a time budget)
     * @return counts of what was stopped, isolated, found stopped, failed, or not reached
     */
    ObjectNode stop(List<Signal> signals, BooleanSupplier mayStartAnother) {
        Tally tally = new Tally();
        if (configuration.mode() == Mode.PLAN) {
            // Plan mode stops nothing: the full runs record what each stop would do.
            return tally.toJson().put("skipped", "plan mode");
        }
        Map<String, List<List<Signal>>> lanes = lanes(signals);
        Map<String, List<Claimed>> instances = new ConcurrentHashMap<>();
        List<Runnable> work = new ArrayList<>();
        lanes.forEach((region, regionLanes) -> regionLanes.forEach(lane -> work.add(() -> lane.forEach(signal -> {
            if (!mayStartAnother.getAsBoolean()) {
                tally.notReached.incrementAndGet();
                return;
            }
            claim(signal).ifPresent(claimed -> {
                if (claimed.stopping() instanceof StopInstance) {
                    instances.computeIfAbsent(region, r -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(claimed);
                } else {
                    stopAlone(claimed, tally);
                }
            });
        }))));
        runAll(work);
        runAll(instances.values().stream().<Runnable>map(claimed -> () -> stopBatch(claimed, tally)).toList());
        ObjectNode summary = tally.toJson();
        LOG.info("stopped first").with("signals", signals.size()).with("summary", Json.write(summary)).log();
        return summary;
    }

    // Enriched and planned as the full run does; claimed only when the plan stops something.
    private Optional<Claimed> claim(Signal signal) {
        String incidentId = IncidentIds.of(signal);
        try {
            if (records.incidents().stoppedOrDone(incidentId)) {
                return Optional.empty();
            }
            // Held contained by an open incident already (the finding's own, a hold): nothing to stop first. Its full
            // run reads the stop's state with the call that sees it (GetFunction leaves out a reservation of 0 on some
            // emulators) and records it as already applied.
            if (!records.holds().holders(signal.subject()).isEmpty()) {
                return Optional.empty();
            }
            boolean foreign = ThisAccountOnly.foreign(signal, configuration.ownStack()).isPresent();
            Signal enriched = signal.origin().sample() || foreign ? signal : enricher.enrich(signal);
            Plan plan = playbook.plan(enriched);
            Optional<Step> stopping = plan.decision() != Plan.Decision.ACT ? Optional.empty() : plan.steps().stream()
                    .filter(step -> step instanceof Stopping || step instanceof StopInstance).findFirst();
            if (stopping.isEmpty()) {
                return Optional.empty();
            }
            IncidentStore.Claim claim = records.incidents().open(incidentId, signal, configuration.mode().id());
            if (claim != IncidentStore.Claim.NEW && claim != IncidentStore.Claim.RESUMED) {
                return Optional.empty();
            }
            return Optional.of(new Claimed(signal, incidentId, plan, stopping.get(), claim == IncidentStore.Claim.NEW));
        } catch (RuntimeException e) {
            // Gone, unreadable or unclaimable: the full run meets it again and says why.
            LOG.warn("not stopped first").with("incident_id", incidentId).with("resource_arn", signal.subject())
                    .with("reason", Failure.classify(e).message()).log();
            return Optional.empty();
        }
    }

    // One resource, one stopping call (a function's reserved concurrency).
    private void stopAlone(Claimed claimed, Tally tally) {
        StepContext context = context(claimed);
        long start = System.nanoTime();
        StepResult result;
        try {
            result = ((Stopping) claimed.stopping()).stopFirst(context);
        } catch (RuntimeException e) {
            result = new StepResult.Failed(Failure.classify(e), context.changing().get());
        }
        record(claimed, List.of(new StepOutcome(claimed.stopping(), result, millis(start))), tally);
    }

    // One region's instances: their stops batched, the isolation first of those a stop would harm.
    private void stopBatch(List<Claimed> claimed, Tally tally) {
        Map<String, Claimed> byId = new LinkedHashMap<>();
        claimed.forEach(c -> byId.put(c.stopping().target(), c));
        long start = System.nanoTime();
        Map<String, StopInstances.Verdict> verdicts = StopInstances.stop(claimed.stream()
                .map(c -> (StopInstance) c.stopping()).toList());
        long millis = millis(start);
        byId.forEach((id, c) -> {
            StopInstances.Verdict verdict = verdicts.getOrDefault(id, new StopInstances.Verdict.Later("not judged"));
            switch (verdict) {
                case StopInstances.Verdict.Stopped stopped -> record(c,
                        List.of(new StepOutcome(c.stopping(), stopped.result(), millis)), tally);
                case StopInstances.Verdict.IsolateFirst first -> isolate(c, first.reason(), tally);
                case StopInstances.Verdict.Later later -> {
                    LOG.info("left to the full run").with("incident_id", c.incidentId()).with("resource_arn", id)
                            .with("reason", later.reason()).log();
                    record(c, List.of(), tally);
                }
            }
        });
    }

    // The plan's own isolate step, run whole; the stop follows the evidence in the full run.
    private void isolate(Claimed claimed, String reason, Tally tally) {
        Optional<Step> isolate = claimed.plan().steps().stream().filter(s -> s instanceof IsolateNetwork).findFirst();
        LOG.info("isolated first").with("incident_id", claimed.incidentId())
                .with("resource_arn", claimed.stopping().target()).with("reason", reason).log();
        if (isolate.isEmpty()) {
            record(claimed, List.of(), tally);
            return;
        }
        StepContext context = context(claimed);
        long start = System.nanoTime();
        StepResult result;
        try {
            result = isolate.get().run(context);
        } catch (RuntimeException e) {
            result = new StepResult.Failed(Failure.classify(e), context.changing().get());
        }
        record(claimed, List.of(new StepOutcome(isolate.get(), result, millis(start))), tally);
    }

    // Closed STOPPED (the full run resumes it), FAILED when the stop failed; what was applied is held.
    private void record(Claimed claimed, List<StepOutcome> steps, Tally tally) {
        steps.forEach(step -> count(step, tally));
        Outcome outcome = new Outcome(claimed.incidentId(), claimed.plan(), configuration.mode(), steps, "");
        String status = outcome.worstFailure().isPresent() ? IncidentStore.FAILED : IncidentStore.STOPPED;
        OutcomeRecorder.attempt(() -> recorder.hold(outcome));
        String recorded = Json.write(outcome.stepsJson());
        String decision = claimed.plan().decision().id();
        // A new incident has no earlier attempt to merge with: one write instead of a read and a write.
        OutcomeRecorder.attempt(() -> {
            if (claimed.fresh()) {
                records.incidents().closeFirst(claimed.incidentId(), status, decision, recorded, "");
            } else {
                records.incidents().close(claimed.incidentId(), status, decision, recorded, "");
            }
        });
    }

    private static void count(StepOutcome step, Tally tally) {
        boolean isolation = step.step() instanceof IsolateNetwork;
        switch (step.result()) {
            case StepResult.Applied applied -> (isolation ? tally.isolated : tally.stopped).incrementAndGet();
            case StepResult.AlreadyApplied already -> (isolation ? tally.isolated : tally.already).incrementAndGet();
            case StepResult.Failed failed -> tally.failed.incrementAndGet();
            default -> { }
        }
    }

    private StepContext context(Claimed claimed) {
        return new StepContext(claimed.incidentId(), configuration.mode(), Instant.now(),
                new dev.tourniquet.records.EvidenceBundle(records.evidence(), claimed.incidentId()));
    }

    private static long millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    // Each region's signals dealt in turn to up to THREADS_PER_REGION lanes.
    private static Map<String, List<List<Signal>>> lanes(List<Signal> signals) {
        Map<String, List<List<Signal>>> byRegion = new LinkedHashMap<>();
        Map<String, Integer> dealt = new java.util.HashMap<>();
        for (Signal signal : signals) {
            String region = signal.origin().region();
            List<List<Signal>> lanes = byRegion.computeIfAbsent(region, r -> new ArrayList<>());
            int n = dealt.merge(region, 1, Integer::sum) - 1;
            if (lanes.size() < THREADS_PER_REGION && n == lanes.size()) {
                lanes.add(new ArrayList<>());
            }
            lanes.get(n % THREADS_PER_REGION).add(signal);
        }
        return byRegion;
    }

    // Platform threads (see RegionalSweep); a task that throws is a bug, not a failed stop: it is logged.
    private static void runAll(List<Runnable> work) {
        if (work.isEmpty()) {
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, work.size()))) {
            work.forEach(task -> running.add(pool.submit(task)));
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    LOG.error("stop-first lane failed").with("reason", String.valueOf(e.getCause())).log();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping first", e);
        }
    }
}
