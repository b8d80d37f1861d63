package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The verdict counts every attacker resource, and apart the backdoor identities and the stackless launches. */
class VerdictTest {
    private static final String KEY = "AKIALEAKED";

    private static AttackerOutcome outcome(AttackerResource.Kind kind, String region, boolean contained,
                                           boolean stackless) {
        return new AttackerOutcome(new AttackerResource(kind, kind + region, region, kind.word(), Duration.ZERO, KEY),
                contained, contained ? "contained" : "running", Optional.empty(), 0, stackless);
    }

    private static SimulationResult result(List<AttackerOutcome> attacker) {
        return new SimulationResult(Instant.EPOCH, List.of(), attacker,
                List.of(new OwnerOutcome("IAM user alice", TextNode.valueOf("a"), TextNode.valueOf("a"))), Set.of(),
                List.of(), Duration.ZERO, 0, Deployment.standard(), new SimulationResult.HistoryUse(0, List.of()));
    }

    @Test
    void of_roleAndStacklessInstanceNotContained_failsAndSaysWhichPartsAreMissing() {
        Verdict verdict = Verdict.of(result(List.of(
                outcome(AttackerResource.Kind.ACCESS_KEY, "global", true, false),
                outcome(AttackerResource.Kind.USER, "global", true, false),
                outcome(AttackerResource.Kind.ROLE, "global", false, false),
                outcome(AttackerResource.Kind.INSTANCE, "us-west-2", true, false),
                outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", false, true))));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.summary()).isEqualTo("FAIL: 3 of 5 attacker resources contained; 0 of 0 stopped within"
                + " 30 s of the later of their creation and the detection of the key; 1 of 1 owner resources untouched");
        assertThat(verdict.beyondTheKey()).isEqualTo("1 of 2 backdoor identities denied; 0 of 1 launches in regions"
                + " without a Tourniquet stack contained");
    }

    @Test
    void of_everythingContained_passes() {
        Verdict verdict = Verdict.of(result(List.of(
                outcome(AttackerResource.Kind.USER, "global", true, false),
                outcome(AttackerResource.Kind.ROLE, "global", true, false),
                outcome(AttackerResource.Kind.INSTANCE, "sa-east-1", true, true))));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.identitiesDenied()).isEqualTo(2);
        assertThat(verdict.stacklessStopped()).isEqualTo(1);
    }

    private static AttackerOutcome timed(Duration created, Duration contained, Duration clockStart) {
        return new AttackerOutcome(new AttackerResource(AttackerResource.Kind.FUNCTION, "f" + created, "us-east-1",
                "miner", created, KEY), true, "reserved concurrency 0", Optional.of(contained), 1, false,
                Optional.of(clockStart));
    }

    @Test
    void of_everythingContainedButOneStoppedLate_missesTheStopTargetAndSaysSo() {
        Verdict verdict = Verdict.of(result(List.of(
                timed(Duration.ofSeconds(10), Duration.ofSeconds(95), Duration.ofSeconds(67)),
                timed(Duration.ofSeconds(20), Duration.ofSeconds(250), Duration.ofSeconds(67)))));

        assertThat(verdict.allContained()).isTrue();
        assertThat(verdict.stoppedInTime()).isEqualTo(1);
        assertThat(verdict.timedTotal()).isEqualTo(2);
        assertThat(verdict.allStoppedInTime()).isFalse();
        assertThat(verdict.summary()).contains("1 of 2 stopped within 30 s");
    }
}
