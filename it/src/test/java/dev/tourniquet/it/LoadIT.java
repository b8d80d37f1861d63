package dev.tourniquet.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.cli.bench.LoadBurst;
import dev.tourniquet.cli.bench.LoadResult;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's load measurement, small and seeded, on a virtual clock (the pacers pace at Lambda's real limit
 * without waiting): a burst of findings on 40 functions over 4 regions loses none and keeps every region within
 * 15 Lambda calls a second.
 */
class LoadIT {

    @Test
    void burstOfFindings_onFortyFunctions_losesNoneAndStaysWithinLambdasLimitPerRegion() {
        Emulator emulator = Emulator.fresh();
        LoadBurst burst = new LoadBurst(Emulator.root(), emulator.configuration(), emulator.admin(),
                emulator.account(), new VirtualTime().time());

        LoadResult result = burst.run(LoadBurst.Settings.of(40, 4, 7));

        assertThat(result.eventsLost()).as("findings with neither a response nor a classified error").isZero();
        assertThat(result.answered()).isEqualTo(40);
        assertThat(result.incidents()).isEqualTo(40);
        assertThat(result.functionsWithoutOneIncident()).isZero();
        assertThat(result.busiestWindow()).as("most Lambda calls in any 1 s, any region").isBetween(1, 15);
        // The virtual clock moves only when a pacer sleeps on it: a burst that took as long as Lambda's limit
        // demands was paced on it, not on the machine's.
        assertThat(result.drainSeconds()).as("virtual seconds the burst took, at least the pacing floor")
                .isGreaterThanOrEqualTo(result.floorSeconds());
    }
}
