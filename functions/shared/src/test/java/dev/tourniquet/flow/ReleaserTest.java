package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Json;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.RecordedStep;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.step.Reversal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Release order and independence of reversals. */
class ReleaserTest {
    private final List<String> released = new ArrayList<>();
    private final Map<String, Reversal> reversals = new HashMap<>();

    private void reversal(String stepId, RuntimeException failure) {
        reversals.put(stepId, (prior, target, clients) -> {
            if (failure != null) {
                throw failure;
            }
            released.add(stepId + " " + target + " " + prior.path("status").asText());
            return "restored " + target;
        });
    }

    private Releaser releaser() {
        return new Releaser(id -> Optional.ofNullable(reversals.get(id)), null);
    }

    private static RecordedStep step(String id, String target, String result) {
        return new RecordedStep(id, target, result, "did " + id, "undo " + id, Json.object().put("status", "Active"));
    }

    private static IncidentRecord incident(RecordedStep... steps) {
        return new IncidentRecord("inc-1", "COMPLETED", "access-key", "AKIA", "enforce", List.of(steps),
                Optional.empty());
    }

    @Test
    void release_undoesOnlyAppliedSteps_newestFirst_withTheirPriorState() {
        reversal("first", null);
        reversal("second", null);
        reversal("skipped-one", null);

        List<Restoration> done = releaser().release(incident(step("first", "a", "applied"),
                step("skipped-one", "b", "already_applied"), step("second", "c", "applied"), step("emit", "d", "applied")));

        assertThat(released).containsExactly("second c Active", "first a Active");
        assertThat(done).extracting(r -> r.step().step() + ":" + r.result())
                .containsExactly("emit:BY_HAND", "second:RESTORED", "first:RESTORED");
        assertThat(done.get(0).detail()).isEqualTo("undo emit");
    }

    @Test
    void release_oneReversalFailing_doesNotStopTheOthers() {
        reversal("first", null);
        reversal("second", new IllegalStateException("boom"));

        List<Restoration> done = releaser().release(incident(step("first", "a", "applied"),
                step("second", "b", "applied")));

        assertThat(done).extracting(Restoration::result)
                .containsExactly(Restoration.Result.FAILED, Restoration.Result.RESTORED);
        assertThat(done.get(0).detail()).contains("boom");
        assertThat(released).containsExactly("first a Active");
    }

    @Test
    void release_afterAPartialRun_redoesOnlyWhatEarlierRunsDidNotRestore() {
        reversal("first", null);
        reversal("second", null);

        List<Restoration> done = releaser().release(incident(step("first", "a", "applied"),
                step("second", "b", "applied")), java.util.Set.of(Restoration.key("second", "b")));

        assertThat(released).containsExactly("first a Active");
        assertThat(done).extracting(Restoration::result)
                .containsExactly(Restoration.Result.RESTORED, Restoration.Result.RESTORED);
        assertThat(done.get(0).detail()).isEqualTo("restored by an earlier release run");
    }
}
