package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.playbook.Plan;
import dev.tourniquet.playbook.Playbook;
import dev.tourniquet.records.Holds;
import dev.tourniquet.records.IncidentIds;
import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import dev.tourniquet.step.lambda.LambdaStepKinds;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * A sweep's first phase: the playbook's stopping step alone for every swept resource, recorded under its incident,
 * skipping what is done, what the playbook does not stop and what another delivery holds.
 */
class StopFirstTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";

    private final IncidentStore incidents = mock(IncidentStore.class);
    private final Holds holds = mock(Holds.class);
    private final Records records = mock(Records.class);
    private final List<String> stopped = new CopyOnWriteArrayList<>();

    StopFirstTest() {
        when(records.incidents()).thenReturn(incidents);
        when(records.holds()).thenReturn(holds);
        when(incidents.open(anyString(), any(), anyString())).thenReturn(IncidentStore.Claim.NEW);
    }

    /** The stopping step of a fake plan: records its call; a function named "broken-…" fails. */
    private final class Stop implements Stopping {
        private final String target;

        Stop(String target) {
            this.target = target;
        }

        @Override
        public StepResult stopFirst(StepContext context) {
            if (target.contains("broken")) {
                throw new IllegalStateException("AccessDenied");
            }
            stopped.add(target);
            return new StepResult.Applied(Json.object().put("functionArn", target), "stopped");
        }

        @Override
        public StepKind kind() {
            return LambdaStepKinds.SET_RESERVED_CONCURRENCY_ZERO;
        }

        @Override
        public String target() {
            return target;
        }

        @Override
        public String undo() {
            return "aws lambda delete-function-concurrency";
        }

        @Override
        public StepResult run(StepContext context) {
            throw new AssertionError("the full step never runs in the first phase");
        }
    }

    // Every function stopped, but those named "exempt-…" (recorded only).
    private final Playbook playbook = signal -> signal.subject().contains("exempt")
            ? Plan.recordOnly(signal, "exempt") : Plan.act(signal, "swept", List.of(new Stop(signal.subject())));

    private StopFirst phase(Mode mode) {
        return new StopFirst(Configuration.defaults("us-east-1").withMode(mode), records, signal -> signal, playbook);
    }

    private static List<Signal> swept(String... names) {
        ProvenanceStore store = mock(ProvenanceStore.class);
        List<Provenance> touched = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String region = i % 2 == 0 ? "us-west-2" : "eu-west-1";
            touched.add(new Provenance("e-" + names[i], "CreateFunction20150331", Instant.parse("2026-11-20T03:11:02Z"),
                    region, "123456789012", "function", "arn:aws:lambda:" + region + ":123456789012:function:"
                    + names[i], Optional.of(KEY), "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser"));
        }
        when(store.touchedBy(KEY, "function")).thenReturn(touched);
        var request = ((ParseResult.Sweep) new SignalParser().parse(Samples.load("tourniquet-credential-contained.json")))
                .request();
        return new FunctionSweeper(store, region -> null, 100).expand(request).contain();
    }

    @Test
    void stop_everyRegionsFunctions_oneStopEach_closedStoppedWithTheAppliedRecord_andHeld() {
        List<Signal> signals = swept("xmrig-1", "xmrig-2", "xmrig-3", "xmrig-4", "xmrig-5");

        ObjectNode summary = phase(Mode.ENFORCE).stop(signals);

        assertThat(stopped).containsExactlyInAnyOrderElementsOf(signals.stream().map(Signal::subject).toList());
        assertThat(summary.path("stopped").asInt()).isEqualTo(5);
        ArgumentCaptor<String> steps = ArgumentCaptor.forClass(String.class);
        for (Signal signal : signals) {
            verify(incidents).closeFirst(eq(IncidentIds.of(signal)), eq(IncidentStore.STOPPED), eq("act"),
                    steps.capture(), eq(""));
            verify(holds).hold(eq(signal.subject()), eq(IncidentIds.of(signal)), any());
        }
        assertThat(steps.getAllValues()).allSatisfy(json -> assertThat(json)
                .contains("\"step\":\"set-reserved-concurrency-zero\"", "\"result\":\"applied\""));
    }

    @Test
    void stop_whatIsDoneExemptOrBusy_isNotStoppedAgain_andAFailingStopBlocksNoOther() {
        List<Signal> signals = swept("xmrig-done", "exempt-kept", "xmrig-busy", "broken-1", "xmrig-ok");
        when(incidents.stoppedOrDone(IncidentIds.of(signals.get(0)))).thenReturn(true);
        when(incidents.open(eq(IncidentIds.of(signals.get(2))), any(), anyString()))
                .thenReturn(IncidentStore.Claim.BUSY);

        ObjectNode summary = phase(Mode.ENFORCE).stop(signals);

        assertThat(stopped).containsExactly(signals.get(4).subject());
        assertThat(summary.path("failed").asInt()).isEqualTo(1);
        verify(incidents, never()).open(eq(IncidentIds.of(signals.get(0))), any(), anyString());
        verify(incidents, never()).open(eq(IncidentIds.of(signals.get(1))), any(), anyString());
        verify(incidents).closeFirst(eq(IncidentIds.of(signals.get(3))), eq(IncidentStore.FAILED), anyString(),
                anyString(), anyString());
        verify(incidents, never()).closeFirst(eq(IncidentIds.of(signals.get(2))), anyString(), anyString(),
                anyString(), anyString());
    }

    @Test
    void stop_planMode_touchesNothing() {
        ObjectNode summary = phase(Mode.PLAN).stop(swept("xmrig-1", "xmrig-2"));

        assertThat(stopped).isEmpty();
        assertThat(summary.path("skipped").asText()).isEqualTo("plan mode");
        verify(incidents, never()).open(anyString(), any(), anyString());
    }

    @Test
    void stop_budgetRunsOut_leavesTheRestNotReached_andARunAgainStopsOnlyThose() {
        List<Signal> signals = swept("xmrig-1", "xmrig-2", "xmrig-3", "xmrig-4");
        AtomicInteger allowed = new AtomicInteger(2);

        ObjectNode first = phase(Mode.ENFORCE).stop(signals, () -> allowed.getAndDecrement() > 0);
        List<String> stoppedFirst = List.copyOf(stopped);
        stoppedFirst.forEach(arn -> signals.stream().filter(s -> s.subject().equals(arn))
                .forEach(s -> when(incidents.stoppedOrDone(IncidentIds.of(s))).thenReturn(true)));
        stopped.clear();
        ObjectNode second = phase(Mode.ENFORCE).stop(signals);

        assertThat(first.path("stopped").asInt()).isEqualTo(2);
        assertThat(first.path("notReached").asInt()).isEqualTo(2);
        assertThat(second.path("stopped").asInt()).isEqualTo(2);
        assertThat(stopped).doesNotContainAnyElementsOf(stoppedFirst).hasSize(2);
    }
}
