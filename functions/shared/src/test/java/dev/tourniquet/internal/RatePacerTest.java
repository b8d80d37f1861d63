package dev.tourniquet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pacer against a fake clock whose sleeps can overrun, as a loaded machine's do. */
class RatePacerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock that only moves when slept on, each sleep overrunning by a fixed lateness. */
    private static final class FakeClock {
        long now = 5 * SECOND;
        long lateness;

        void sleep(long nanos) {
            now += nanos + lateness;
        }
    }

    @Test
    void pace_callsInARow_leaveOneIntervalApart() {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(15, new RatePacer.Time(() -> clock.now, clock::sleep));

        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pacer.pace("us-east-1");
            sent.add(clock.now);
        }

        // 1/15 s plus the 2 % margin, rounded up to the nanosecond.
        assertThat(gaps(sent)).containsOnly(68_000_000L);
    }

    @Test
    void pace_lateWakeUps_neverFitMoreThanTheLimitIntoOneSecond() {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(15, new RatePacer.Time(() -> clock.now, clock::sleep));
        List<Long> sent = new ArrayList<>();

        for (int i = 0; i < 60; i++) {
            // Every third wake-up is 20 ms late: the calls after it must not catch up.
            clock.lateness = i % 3 == 0 ? 20_000_000L : 0;
            pacer.pace("us-east-1");
            sent.add(clock.now);
        }

        assertThat(gaps(sent)).allMatch(gap -> gap >= SECOND / 15);
        assertThat(busiestSecond(sent)).isLessThanOrEqualTo(15);
    }

    @Test
    void pace_otherRegion_doesNotWait() {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(15, new RatePacer.Time(() -> clock.now, clock::sleep));
        pacer.pace("us-east-1");
        long before = clock.now;

        pacer.pace("eu-west-1");

        assertThat(clock.now).isEqualTo(before);
    }

    @Test
    void pace_operationWithAQuotaOfItsOwn_isPacedAtItsRateAndNeverDelaysTheOthers() {
        FakeClock clock = new FakeClock();
        RatePacer pacer = new RatePacer(15, java.util.Map.of("GetFunction", 100.0),
                new RatePacer.Time(() -> clock.now, clock::sleep));
        List<Long> reads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pacer.pace("us-east-1", "GetFunction");
            reads.add(clock.now);
        }
        long before = clock.now;

        pacer.pace("us-east-1", "PutFunctionConcurrency");

        // 1/100 s plus the 2 % margin apart; the control plane's first call waits for none of them.
        assertThat(gaps(reads)).containsOnly(10_200_000L);
        assertThat(clock.now).isEqualTo(before);
        pacer.pace("us-east-1", "GetPolicy");
        assertThat(clock.now - before).as("any other operation shares the control plane's slot").isEqualTo(68_000_000L);
        assertThat(pacer.ownQuota("GetFunction")).isTrue();
        assertThat(pacer.ownQuota("GetPolicy")).isFalse();
    }

    @Test
    void awsClientsPacer_ofOneLimit_isSharedByItsClients_andKeepsTheTimeGiven() {
        FakeClock clock = new FakeClock();
        Configuration local = Configuration.defaults("us-east-1").toBuilder()
                .endpoint(Optional.of(URI.create("http://127.0.0.1:1"))).build();
        AwsClients clients = new AwsClients(local, List.of(), new RatePacer.Time(() -> clock.now, clock::sleep));
        RatePacer lambda = clients.pacer("lambda", 15);
        long start = clock.now;

        clients.pacer("lambda", 15).pace("us-east-1");
        lambda.pace("us-east-1");

        assertThat(clients.pacer("lambda", 15)).isSameAs(lambda).isNotSameAs(clients.pacer("cloudtrail", 2));
        assertThat(clock.now - start).as("waited on the clock given, not the machine's").isEqualTo(68_000_000L);
    }

    private static List<Long> gaps(List<Long> times) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            gaps.add(times.get(i) - times.get(i - 1));
        }
        return gaps;
    }

    private static int busiestSecond(List<Long> times) {
        int busiest = 0;
        for (int start = 0; start < times.size(); start++) {
            int count = 0;
            for (int i = start; i < times.size() && times.get(i) - times.get(start) < SECOND; i++) {
                count++;
            }
            busiest = Math.max(busiest, count);
        }
        return busiest;
    }
}
