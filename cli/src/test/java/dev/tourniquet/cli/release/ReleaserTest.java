package dev.tourniquet.cli.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.iam.IamReversals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Release order, independence of reversals, and the registry of reversals. */
class ReleaserTest {
    private final List<String> released = new ArrayList<>();

    private Reversal reversal(String stepId, RuntimeException failure) {
        return new Reversal() {
            public String stepId() {
                return stepId;
            }

            public String release(JsonNode prior, String target, AwsClients clients) {
                if (failure != null) {
                    throw failure;
                }
                released.add(stepId + " " + target + " " + prior.path("status").asText());
                return "restored " + target;
            }
        };
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
        Releaser releaser = new Releaser(new Reversals(List.of(List.of(reversal("first", null),
                reversal("second", null), reversal("skipped-one", null)))), null);

        List<Releaser.Restoration> done = releaser.release(incident(step("first", "a", "applied"),
                step("skipped-one", "b", "already_applied"), step("second", "c", "applied"), step("emit", "d", "applied")));

        assertThat(released).containsExactly("second c Active", "first a Active");
        assertThat(done).extracting(r -> r.step().step() + ":" + r.result())
                .containsExactly("emit:BY_HAND", "second:RESTORED", "first:RESTORED");
        assertThat(done.get(0).detail()).isEqualTo("undo emit");
    }

    @Test
    void release_oneReversalFailing_doesNotStopTheOthers() {
        Releaser releaser = new Releaser(new Reversals(List.of(List.of(reversal("first", null),
                reversal("second", new IllegalStateException("boom"))))), null);

        List<Releaser.Restoration> done = releaser.release(incident(step("first", "a", "applied"),
                step("second", "b", "applied")));

        assertThat(done).extracting(Releaser.Restoration::result)
                .containsExactly(Releaser.Result.FAILED, Releaser.Result.RESTORED);
        assertThat(done.get(0).detail()).contains("boom");
        assertThat(released).containsExactly("first a Active");
    }

    @Test
    void reversals_knowEveryIamStep() {
        Reversals known = Reversals.known();

        for (Reversal reversal : IamReversals.all()) {
            assertThat(known.forStep(reversal.stepId())).get().isInstanceOf(reversal.getClass());
        }
        assertThat(known.forStep("deactivate-access-key")).isPresent();
        assertThat(known.forStep("revoke-role-sessions")).isPresent();
        assertThat(known.forStep("emit-credential-contained")).isEmpty();
    }

    @Test
    void reversals_twoDifferentReversalsForOneStep_areRefusedNamingBoth() {
        Reversal one = reversal("revoke-role-sessions", null);

        assertThatThrownBy(() -> new Reversals(List.of(IamReversals.all(), List.of(one))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("revoke-role-sessions")
                .hasMessageContaining("Reversals.FAMILIES");
        // The same reversal listed by two families (a shared IAM step) is one reversal.
        assertThat(new Reversals(List.of(List.of(one), List.of(one))).forStep("revoke-role-sessions")).containsSame(one);
    }
}
