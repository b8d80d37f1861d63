package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Footprint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quiet theft's verdict: judged on what only the footprint names. */
class QuietVerdictTest {
    private static final AttackProfile QUIET = AttackProfile.quiet();
    private static final Footprint FOOTPRINT = Footprint.parse("us-east-1,eu-west-1", "accelerated", "", "miner");

    private static AttackerOutcome outcome(AttackerResource.Kind kind, String region, boolean contained) {
        AttackerResource resource = new AttackerResource(kind, kind + "-" + region, region, kind + " " + region,
                Duration.ofSeconds(61), "AKIA");
        return new AttackerOutcome(resource, contained, contained ? "contained" : "active", contained
                ? Optional.of(Duration.ofMinutes(4)) : Optional.empty(), 0, false);
    }

    private static SimulationResult result(List<AttackerOutcome> attacker) {
        return new SimulationResult(Instant.EPOCH, List.of(), attacker, List.of(), java.util.Set.of(), List.of(),
                Duration.ZERO, 0, Scenario.QUIET_THEFT.deployment(), new SimulationResult.HistoryUse(0, List.of()));
    }

    @Test
    void noFootprint_nothingContained_saysNothingReportedIt() {
        Verdict verdict = Verdict.quiet(result(List.of(outcome(AttackerResource.Kind.ACCESS_KEY, "global", false),
                outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", false),
                outcome(AttackerResource.Kind.FUNCTION, "ap-south-1", false))), QUIET, Footprint.off());

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).startsWith("NOTHING CONTAINED: nothing reported it.")
                .contains("0 of 2 miners and GPU instances named");
        assertThat(verdict.beyondTheKey()).isEqualTo("the stolen key, never reported, at the end: active");
    }

    @Test
    void footprint_everythingOutsideContained_passesWhateverTheKey() {
        Verdict verdict = Verdict.quiet(result(List.of(outcome(AttackerResource.Kind.ACCESS_KEY, "global", false),
                outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", true),
                outcome(AttackerResource.Kind.FUNCTION, "ap-south-1", true))), QUIET, FOOTPRINT);

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.summary()).isEqualTo("PASS: 2 of 2 attacker resources outside the footprint contained from"
                + " their CloudTrail records alone (the key never reported, GuardDuty off); 0 of 0 owner resources"
                + " untouched");
    }

    @Test
    void footprint_oneOutsideNotContained_fails() {
        Verdict verdict = Verdict.quiet(result(List.of(outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", true),
                outcome(AttackerResource.Kind.FUNCTION, "ap-south-1", false))), QUIET, FOOTPRINT);

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).startsWith("FAIL: 1 of 2 attacker resources outside the footprint");
    }

    @Test
    void footprint_spendInsideIt_notCountedAsOutside() {
        // A GPU instance inside the allowed regions is still outside by its family; a small one would not be.
        Footprint regionsOnly = Footprint.parse("us-east-1,sa-east-1", "", "", "");
        Verdict verdict = Verdict.quiet(result(List.of(outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", false),
                outcome(AttackerResource.Kind.FUNCTION, "ap-south-1", true))), QUIET, regionsOnly);

        assertThat(verdict.quiet()).get().satisfies(q -> {
            assertThat(q.outsideTotal()).isEqualTo(1);
            assertThat(q.outsideContained()).isEqualTo(1);
        });
        assertThat(verdict.passed()).isTrue();
    }
}
