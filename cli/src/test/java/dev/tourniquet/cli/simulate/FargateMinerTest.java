package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Fargate miner's cost: its tasks' vCPUs and memory, per second, at the recorded list prices. */
class FargateMinerTest {
    private static final AttackerResource SERVICE = new AttackerResource(AttackerResource.Kind.SERVICE,
            "arn:aws:ecs:us-east-1:123456789012:service/default/xmrig-fargate", "us-east-1", "xmrig-fargate",
            Duration.ofMinutes(2), "AKIAEXAMPLE");

    @Test
    void cost_anHourOfTenTasks_isTenTimesFourVcpusAndEightGigabytes() {
        CostLine line = FargateMiner.cost(SERVICE, Duration.ofMinutes(62), "until contained");

        // 10 x 1 h x (4 x 0.04048 + 8 x 0.004445) = 10 x 0.19748
        assertThat(line.usd()).isEqualByComparingTo(new BigDecimal("1.9748"));
        assertThat(line.arithmetic()).contains("10 tasks x 3600 s", "$0.04048", "$0.004445", "recorded 2026-12-03");
        assertThat(line.resource()).isEqualTo("Fargate service xmrig-fargate (us-east-1)");
    }

    @Test
    void cost_stoppedAtOnce_isBilledAMinute() {
        CostLine line = FargateMiner.cost(SERVICE, Duration.ofMinutes(2).plusSeconds(5), "until contained");

        assertThat(line.arithmetic()).contains("10 tasks x 60 s");
    }

    @Test
    void listPrices_tableNamesFargateWithItsDate() {
        assertThat(ListPrices.table()).anySatisfy(price -> {
            assertThat(price.item()).contains("Fargate vCPU", ListPrices.FARGATE_RECORDED);
            assertThat(price.usd()).isEqualByComparingTo("0.04048");
        });
    }
}
