package dev.tourniquet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegionalSweepTest {

    private static Signal in(String region, String key) {
        Origin origin = new Origin("event-1", "tourniquet", "Credential Contained", Optional.empty(), Optional.empty(),
                0, "", "123456789012", region, Instant.EPOCH, false);
        return new CompromisedAccessKey(origin, key, new Principal(Principal.PrincipalType.IAM_USER, Optional.empty(),
                Optional.empty(), Map.of()), "test");
    }

    @Test
    void run_signalsOfSeveralRegions_keepTheirOrder() {
        List<Signal> signals = List.of(in("us-east-1", "A"), in("eu-west-1", "B"), in("us-east-1", "C"));

        List<RegionalSweep.Attempt<String>> attempts = RegionalSweep.run(signals, Signal::subject);

        assertThat(attempts).extracting(RegionalSweep.Attempt::value).containsExactly("A", "B", "C");
    }

    /** Runs A then B, where A waits for B to start: run one after the other, A would time out (false). */
    private static List<Boolean> aWaitingForB(Signal a, Signal b) {
        CountDownLatch bStarted = new CountDownLatch(1);
        return RegionalSweep.run(List.of(a, b), signal -> {
            if (signal == b) {
                bStarted.countDown();
                return true;
            }
            try {
                return bStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).stream().map(RegionalSweep.Attempt::value).toList();
    }

    @Test
    void run_twoRegions_runSideBySide() {
        assertThat(aWaitingForB(in("us-east-1", "A"), in("eu-west-1", "B"))).containsExactly(true, true);
    }

    @Test
    void run_oneRegion_takesTwoSignalsAtATime() {
        assertThat(aWaitingForB(in("us-east-1", "A"), in("us-east-1", "B"))).containsExactly(true, true);
    }

    @Test
    void run_noSignals_isEmpty() {
        assertThat(RegionalSweep.run(List.of(), Signal::subject)).isEmpty();
    }

    @Test
    void run_failingSignal_isKeptAndTheOthersStillRun() {
        List<Signal> signals = List.of(in("us-east-1", "A"), in("us-east-1", "B"), in("eu-west-1", "C"));

        List<RegionalSweep.Attempt<String>> attempts = RegionalSweep.run(signals, signal -> {
            if (signal.subject().equals("A")) {
                throw new IllegalStateException("boom");
            }
            return signal.subject();
        });

        assertThat(attempts.get(0).failure()).hasMessage("boom");
        assertThat(attempts).extracting(RegionalSweep.Attempt::value).containsExactly(null, "B", "C");
    }
}
