package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.records.IncidentStore;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SweepRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exposure window's arithmetic: what is judged, what is only listed, and how a later sweep keeps the first window. */
class ExposureWindowTest {
    private static final Instant START = Instant.parse("2026-11-20T02:10:05Z");
    private static final Origin ORIGIN = new Origin("e-1", "tourniquet", "Credential Contained", Optional.empty(),
            Optional.empty(), 0, "", "123456789012", "us-east-1", Instant.parse("2026-11-20T03:16:05Z"), false);

    static Provenance record(String id, String time) {
        return new Provenance("e-" + id + time, "CreateFunction20150331", Instant.parse(time), "us-east-1",
                "123456789012", "function", id, Optional.of("AKIAIOSFODNN7EXAMPLE"), "arn:aws:iam::123456789012:user/ci",
                "IAMUser");
    }

    private static SweepRequest request(Instant start, Implication how, Optional<String> flagged) {
        return new SweepRequest(ORIGIN, "inc-later", "AKIAIOSFODNN7EXAMPLE", Optional.empty(), start, how, flagged);
    }

    @Test
    void of_createdBeforeAndInside_listsBeforeAndJudgesInside() {
        ExposureWindow window = ExposureWindow.of(List.of(record("old", "2024-03-01T10:00:00Z"),
                record("new", "2026-11-20T03:00:00Z"), record("edge", "2026-11-20T02:10:05Z")), START);

        assertThat(window.inWindow()).extracting(Provenance::resourceId).containsExactly("edge", "new");
        assertThat(window.beforeWindow()).extracting(Provenance::resourceId).containsExactly("old");
    }

    @Test
    void of_createdBeforeButChangedInside_isJudgedByItsChangeInside() {
        ExposureWindow window = ExposureWindow.of(List.of(record("fn", "2024-03-01T10:00:00Z"),
                record("fn", "2026-11-20T03:00:00Z")), START);

        assertThat(window.inWindow()).extracting(Provenance::time).containsExactly(Instant.parse("2026-11-20T03:00:00Z"));
        assertThat(window.beforeWindow()).isEmpty();
    }

    @Test
    void of_noWindow_judgesEverything() {
        ExposureWindow window = ExposureWindow.of(List.of(record("old", "2019-01-01T00:00:00Z")), Instant.EPOCH);

        assertThat(window.inWindow()).hasSize(1);
        assertThat(window.beforeWindow()).isEmpty();
    }

    @Test
    void bounded_laterSignalWithLaterWindow_keepsTheFirstContainmentsWindow() {
        IncidentStore.Containment first = new IncidentStore.Containment("inc-first", START, Implication.EXPOSED,
                Optional.empty());

        SweepRequest bounded = SweepCoordinator.bounded(request(START.plusSeconds(3600), Implication.EXPOSED,
                Optional.empty()), first);

        assertThat(bounded.windowStart()).isEqualTo(START);
        assertThat(bounded.incidentId()).isEqualTo("inc-first");
    }

    @Test
    void bounded_laterSignalWithEarlierWindow_opensEarlier() {
        IncidentStore.Containment first = new IncidentStore.Containment("inc-first", START, Implication.EXPOSED,
                Optional.empty());

        assertThat(SweepCoordinator.bounded(request(START.minusSeconds(60), Implication.EXPOSED, Optional.empty()),
                first).windowStart()).isEqualTo(START.minusSeconds(60));
    }

    @Test
    void bounded_creatorThenReportedExposed_sweepsTheWholeWindow() {
        IncidentStore.Containment first = new IncidentStore.Containment("inc-first", START, Implication.CREATOR,
                Optional.of("fn-miner"));

        SweepRequest bounded = SweepCoordinator.bounded(request(START, Implication.EXPOSED, Optional.empty()), first);

        assertThat(bounded.implication()).isEqualTo(Implication.EXPOSED);
        assertThat(bounded.flaggedResource()).isEmpty();
    }

    @Test
    void bounded_exposedThenCaughtAsCreator_staysExposed() {
        IncidentStore.Containment first = new IncidentStore.Containment("inc-first", START, Implication.EXPOSED,
                Optional.empty());

        assertThat(SweepCoordinator.bounded(request(START, Implication.CREATOR, Optional.of("fn-2")), first)
                .implication()).isEqualTo(Implication.EXPOSED);
    }

    @Test
    void bounded_creatorTwice_keepsTheFirstFlaggedResource() {
        IncidentStore.Containment first = new IncidentStore.Containment("inc-first", START, Implication.CREATOR,
                Optional.of("fn-miner"));

        SweepRequest bounded = SweepCoordinator.bounded(request(START, Implication.CREATOR, Optional.of("fn-2")), first);

        assertThat(bounded.implication()).isEqualTo(Implication.CREATOR);
        assertThat(bounded.flaggedResource()).contains("fn-miner");
    }
}
