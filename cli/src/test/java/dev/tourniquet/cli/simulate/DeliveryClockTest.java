package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryClockTest {
    private static final Duration SIGNAL = Duration.ofSeconds(67);

    @Test
    void delivered_targetsOfOneEvent_startTogether_eachEndsAfterItsOwnTime() {
        DeliveryClock clock = new DeliveryClock();
        clock.signal(SIGNAL);

        Duration slowListing = clock.delivered("contained-1", 40_000);
        Duration instanceSweep = clock.delivered("contained-1", 2_000);

        assertThat(slowListing).isEqualTo(SIGNAL.plusSeconds(40));
        assertThat(instanceSweep).isEqualTo(SIGNAL.plusSeconds(2));
        assertThat(clock.latest()).isEqualTo(SIGNAL.plusSeconds(40));
    }

    @Test
    void delivered_chainEvent_startsWhenTheLatestDeliveryBeforeItEnded() {
        DeliveryClock clock = new DeliveryClock();
        clock.signal(SIGNAL);
        clock.delivered("health-1", 300);
        clock.delivered("health-1", 1_200);

        assertThat(clock.delivered("contained-1", 500)).isEqualTo(SIGNAL.plusMillis(1_700));
    }

    @Test
    void signal_aNewSignal_startsItsOwnDeliveries() {
        DeliveryClock clock = new DeliveryClock();
        clock.signal(SIGNAL);
        clock.delivered("e-1", 9_000);

        clock.signal(Duration.ofMinutes(4));

        assertThat(clock.delivered("e-1", 100)).isEqualTo(Duration.ofMinutes(4).plusMillis(100));
    }
}
