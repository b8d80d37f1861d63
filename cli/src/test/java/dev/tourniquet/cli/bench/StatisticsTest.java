package dev.tourniquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatisticsTest {
    private static final List<Integer> ONE_TO_TEN = IntStream.rangeClosed(1, 10).boxed().toList();

    @Test
    void percentile_p50OfOneToTen_isFive() {
        assertThat(Statistics.percentile(ONE_TO_TEN, 50)).isEqualTo(5);
    }

    @Test
    void percentile_p99Of200Samples_isThe198th() {
        List<Integer> samples = IntStream.rangeClosed(1, 200).boxed().toList();

        assertThat(Statistics.percentile(samples, 99)).isEqualTo(198);
    }

    @Test
    void percentile_p100_isTheLargest() {
        assertThat(Statistics.percentile(List.of(3, 9, 1), 100)).isEqualTo(9);
    }

    @Test
    void percentile_unsortedSamples_areSortedFirst() {
        assertThat(Statistics.percentile(List.of(40.0, 10.0, 30.0, 20.0), 50)).isEqualTo(20.0);
    }

    @Test
    void percentile_oneSample_isThatSample() {
        assertThat(Statistics.percentile(List.of(7), 1)).isEqualTo(7);
    }

    @Test
    void percentile_noSamples_isRefused() {
        assertThatThrownBy(() -> Statistics.percentile(List.of(), 50)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentile_zero_isRefused() {
        assertThatThrownBy(() -> Statistics.percentile(ONE_TO_TEN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void median_oddCount_isTheMiddleSample() {
        assertThat(Statistics.median(List.of(9, 1, 5))).isEqualTo(5);
    }

    @Test
    void median_evenCount_isTheMeanOfTheMiddleTwo() {
        assertThat(Statistics.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void ratio_nonZeroDenominator_divides() {
        assertThat(Statistics.ratio(120, 100)).isEqualTo(1.2);
    }

    @Test
    void ratio_zeroDenominator_isNaN() {
        assertThat(Statistics.ratio(1, 0)).isNaN();
    }

    @Test
    void maxAndSum_samples_areComputed() {
        assertThat(Statistics.max(List.of(2, 8, 5))).isEqualTo(8);
        assertThat(Statistics.sum(List.of(2, 8, 5))).isEqualTo(15);
    }
}
