package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallRateTest {
    private static final long MS = 1_000_000L;

    private static List<CallRate.Sent> evenly(String region, int calls, long startMillis, long everyMillis) {
        List<CallRate.Sent> sent = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            sent.add(new CallRate.Sent(region, (startMillis + i * everyMillis) * MS));
        }
        return sent;
    }

    @Test
    void of_fifteenPerSecondForTwoSeconds_countsFifteenInEachSecond() {
        List<CallRate.RegionRate> rates = CallRate.of(evenly("us-east-1", 30, 0, 1000 / 15 + 1));

        assertThat(rates).singleElement().satisfies(rate -> {
            assertThat(rate.calls()).isEqualTo(30);
            assertThat(rate.perSecond()).containsExactly(15, 15);
            assertThat(rate.busiestSecond()).isEqualTo(15);
            assertThat(rate.busiestWindow()).isEqualTo(15);
        });
    }

    @Test
    void of_burstAcrossASecondBoundary_isCaughtByTheWindowNotTheBuckets() {
        // The run starts at 0 s (a call elsewhere); 10 calls at 0.6–0.9 s and 10 at 1.0–1.3 s: 10 in each whole
        // second, but 20 within one second.
        List<CallRate.Sent> sent = new ArrayList<>(evenly("us-east-1", 1, 0, 0));
        sent.addAll(evenly("eu-west-1", 10, 600, 30));
        sent.addAll(evenly("eu-west-1", 10, 1000, 30));

        CallRate.RegionRate rate = CallRate.of(sent).get(0);

        assertThat(rate.region()).isEqualTo("eu-west-1");
        assertThat(rate.perSecond()).containsExactly(10, 10);
        assertThat(rate.busiestSecond()).isEqualTo(10);
        assertThat(rate.busiestWindow()).isEqualTo(20);
    }

    @Test
    void of_twoRegions_areCountedApartOnOneClock() {
        List<CallRate.Sent> sent = new ArrayList<>(evenly("us-east-1", 5, 0, 100));
        sent.addAll(evenly("us-west-2", 3, 1500, 100));

        List<CallRate.RegionRate> rates = CallRate.of(sent);

        assertThat(rates).extracting(CallRate.RegionRate::region).containsExactly("us-east-1", "us-west-2");
        assertThat(rates.get(0).perSecond()).containsExactly(5);
        assertThat(rates.get(1).perSecond()).containsExactly(0, 3);
        assertThat(CallRate.busiestWindow(rates)).isEqualTo(5);
    }

    @Test
    void busiestWindow_callsExactlyOneSecondApart_areInDifferentWindows() {
        assertThat(CallRate.busiestWindow(new long[] {0, 1_000 * MS, 2_000 * MS})).isEqualTo(1);
    }

    @Test
    void of_nothingSent_isEmpty() {
        assertThat(CallRate.of(List.of())).isEmpty();
        assertThat(CallRate.busiestWindow(List.of())).isZero();
    }
}
