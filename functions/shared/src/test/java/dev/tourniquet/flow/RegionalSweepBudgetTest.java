package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The budget over thousands of resources, without the emulator: each resource's incident takes virtual time on a
 * shared clock (as paced calls do), a claim set stands for the incident table (a resource done is skipped, as a
 * DUPLICATE claim is), and the sweep is invoked again while it leaves resources, as its continuations would.
 */
class RegionalSweepBudgetTest {
    private static final Duration LAMBDA = Duration.ofSeconds(900);

    private static List<Signal> resources(int count, int regions) {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Origin origin = new Origin("event-1", "tourniquet", "Credential Contained", Optional.empty(),
                    Optional.empty(), 0, "", "123456789012", "region-" + (i % regions), Instant.EPOCH, false);
            signals.add(new CompromisedAccessKey(origin, "r-" + i, new Principal(Principal.PrincipalType.IAM_USER,
                    Optional.empty(), Optional.empty(), Map.of()), "test"));
        }
        return signals;
    }

    /** What the invocations of one sweep did, until one left nothing. */
    private record Chain(List<Integer> startedPerInvocation, Map<String, Integer> runs, List<Duration> took) {
    }

    private static Chain sweep(List<Signal> signals, Duration perIncident) {
        SweepBudgetTest.MovedClock clock = new SweepBudgetTest.MovedClock();
        Set<String> done = ConcurrentHashMap.newKeySet();
        Map<String, Integer> runs = new ConcurrentHashMap<>();
        List<Integer> started = new ArrayList<>();
        List<Duration> took = new ArrayList<>();
        for (int invocation = 0; invocation < 50; invocation++) {
            long begin = clock.millis.get();
            SweepBudget budget = SweepBudget.remaining(LAMBDA, clock);
            AtomicInteger ran = new AtomicInteger();
            List<RegionalSweep.Attempt<String>> attempts = RegionalSweep.run(signals, budget, signal -> {
                if (!done.add(signal.subject())) {
                    return "duplicate";
                }
                runs.merge(signal.subject(), 1, Integer::sum);
                ran.incrementAndGet();
                clock.advance(perIncident);
                return "contained";
            });
            started.add(ran.get());
            took.add(Duration.ofMillis(clock.millis.get() - begin));
            if (attempts.stream().allMatch(RegionalSweep.Attempt::started)) {
                return new Chain(started, runs, took);
            }
        }
        throw new AssertionError("the sweep never finished");
    }

    @Test
    void run_fiveThousandResources_continuesUntilEachRanExactlyOnce() {
        List<Signal> signals = resources(5_000, 5);

        // 0.5 s of the shared clock per incident: 2,500 s of work, 780 s started per invocation.
        Chain chain = sweep(signals, Duration.ofMillis(500));

        assertThat(chain.runs()).hasSize(5_000);
        assertThat(chain.runs().values()).containsOnly(1);
        assertThat(chain.startedPerInvocation()).hasSize(4);
        // Each invocation but the last starts until its last start (780 s): 1,560 incidents, and no more than the
        // ten lanes already past the check when the clock got there.
        assertThat(chain.startedPerInvocation().subList(0, 3)).allSatisfy(n -> assertThat(n).isBetween(1_560, 1_570));
        assertThat(chain.took()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(LAMBDA));
    }

    @Test
    void run_budgetRunOut_leavesTheRestNotStartedAndUntouched() {
        List<Signal> signals = resources(300, 3);
        SweepBudget spent = SweepBudget.remaining(Duration.ZERO, new SweepBudgetTest.MovedClock());
        AtomicInteger touched = new AtomicInteger();

        List<RegionalSweep.Attempt<ObjectNode>> attempts = RegionalSweep.run(signals, spent, signal -> {
            touched.incrementAndGet();
            return Json.object();
        });

        assertThat(touched).hasValue(0);
        assertThat(attempts).hasSize(300).noneMatch(RegionalSweep.Attempt::started);
        Responses.Collected collected = Responses.gather(attempts);
        assertThat(collected.notStarted()).isEqualTo(300);
        assertThat(collected.response().path("incidents")).isEmpty();
        assertThat(collected.failure()).isEmpty();
    }

    @Test
    void gather_failureAndNotStarted_areBothKeptForTheContinuation() {
        IncidentFailedException failed = new IncidentFailedException("inc-1", new Failure(
                Failure.Kind.TRANSIENT, "throttled"));
        List<RegionalSweep.Attempt<ObjectNode>> attempts = List.of(
                new RegionalSweep.Attempt<>(Json.object().put("incidentId", "inc-0"), null),
                new RegionalSweep.Attempt<>(null, failed), RegionalSweep.Attempt.notStarted());

        Responses.Collected collected = Responses.gather(attempts);

        assertThat(collected.notStarted()).isEqualTo(1);
        assertThat(collected.failure()).contains(failed);
        assertThat(collected.response().path("incidents")).hasSize(1);
    }
}
