package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PacingFloorTest {
    private final PacingFloor lambda = PacingFloor.lambda();

    @Test
    void floorSeconds_busiestRegionSetsIt() {
        // 1,000 functions over 5 regions, 4 calls each: 800 calls in each region at 15/s.
        Map<String, Integer> calls = Map.of("us-east-1", 800, "us-east-2", 800, "us-west-2", 800,
                "eu-west-1", 800, "eu-central-1", 780);

        assertThat(lambda.floorSeconds(calls)).isCloseTo(53.333, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void ratio_wallTimeAgainstFloor() {
        assertThat(lambda.ratio(12, Map.of("us-east-1", 150))).isEqualTo(1.2);
    }

    @Test
    void ratio_noCalls_isNaN() {
        assertThat(lambda.ratio(3, Map.of())).isNaN();
    }

    @Test
    void withinLimit_fifteenIsTheLimit() {
        assertThat(lambda.withinLimit(15)).isTrue();
        assertThat(lambda.withinLimit(16)).isFalse();
    }

    @Test
    void new_zeroRate_isRefused() {
        assertThatThrownBy(() -> new PacingFloor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
