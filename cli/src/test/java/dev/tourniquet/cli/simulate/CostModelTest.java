package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cost arithmetic, checked by hand against the list prices. */
class CostModelTest {
    private static final AttackProfile PROFILE = AttackProfile.standard();
    private static final CostModel MODEL = new CostModel(PROFILE);
    private static final Duration EIGHT_HOURS = Duration.ofHours(8);

    private static AttackerResource function(Duration createdAt) {
        return new AttackerResource(AttackerResource.Kind.FUNCTION, "arn:aws:lambda:us-east-1:123456789012:function:x",
                "us-east-1", "x", createdAt, "AKIA");
    }

    private static AttackerResource instance(Duration createdAt) {
        return instance(createdAt, "us-west-2");
    }

    private static AttackerResource instance(Duration createdAt, String region) {
        return new AttackerResource(AttackerResource.Kind.INSTANCE, "i-1", region, "gpu i-1", createdAt, "AKIA");
    }

    @Test
    void runs_countsRunsStartedBeforeTheEnd() {
        Duration first = Duration.ofSeconds(61);
        Duration every = Duration.ofMinutes(3);

        assertThat(CostModel.runs(first, first, every)).isZero();
        assertThat(CostModel.runs(first, first.plusMillis(1), every)).isEqualTo(1);
        assertThat(CostModel.runs(first, first.plus(every), every)).isEqualTo(1);
        assertThat(CostModel.runs(first, first.plus(every).plusMillis(1), every)).isEqualTo(2);
        assertThat(CostModel.runs(first, Duration.ZERO, every)).isZero();
    }

    @Test
    void function_containedAfterTwoRuns_costsTwoFullRuns() {
        // Created at 60 s: runs at 61 s and 241 s; contained at 361 s, before the third (421 s).
        CostLine line = MODEL.function(function(Duration.ofSeconds(60)), Duration.ofSeconds(361), "until contained");

        // 2 runs x 1 execution x 10 GB x 900 s = 18,000 GB-s x $0.0000133334 = $0.2400012; + 2 x $0.0000002.
        assertThat(line.usd()).isEqualByComparingTo(new BigDecimal("0.2400016"));
        assertThat(line.arithmetic()).startsWith("2 runs (until contained, T+06:01.0) x 1 execution x 10 GB x 900 s")
                .endsWith("= $0.2400");
    }

    @Test
    void function_untilTheOwnerNoticesAfterEightHours_costs160Runs() {
        // First run at 61 s; runs started before 28,800 s: ceil(28,739 / 180) = 160.
        CostLine line = MODEL.function(function(Duration.ofSeconds(60)), EIGHT_HOURS, "until the owner notices");

        // 160 x 10 GB x 900 s = 1,440,000 GB-s x $0.0000133334 = $19.200096; + 160 requests x $0.0000002.
        assertThat(line.usd()).isEqualByComparingTo(new BigDecimal("19.200128"));
        assertThat(line.arithmetic()).startsWith("160 runs").endsWith("= $19.20");
    }

    @Test
    void instance_billedPerSecond_withAMinuteAtLeast() {
        CostLine shortRun = MODEL.instance(instance(Duration.ofSeconds(60)), Duration.ofSeconds(90), "until contained");
        CostLine fiveMinutes = MODEL.instance(instance(Duration.ofSeconds(60)), Duration.ofSeconds(360),
                "until contained");

        // 60 s minimum: 1/60 h x $3.912/h; 300 s: 1/12 h x $3.912/h = $0.326.
        assertThat(shortRun.usd().doubleValue()).isCloseTo(3.912 / 60, within(0.000005));
        assertThat(fiveMinutes.usd().doubleValue()).isCloseTo(0.326, within(0.000005));
        assertThat(fiveMinutes.arithmetic()).isEqualTo(
                "300 s (until contained, T+06:00.0) = 0.0833 h x $3.912/h (g4dn.12xlarge, us-west-2) = $0.3260");
    }

    @Test
    void instance_inARegionWithoutAStack_billedAtThatRegionsPrice() {
        CostLine saoPaulo = MODEL.instance(instance(Duration.ofSeconds(60), "sa-east-1"), Duration.ofSeconds(360),
                "never contained: until the owner notices");

        // 300 s = 1/12 h x $6.649/h (g4dn.12xlarge in sa-east-1).
        assertThat(saoPaulo.usd().doubleValue()).isCloseTo(6.649 / 12, within(0.00005));
        assertThat(saoPaulo.arithmetic()).contains("$6.649/h (g4dn.12xlarge, sa-east-1)");
        assertThat(ListPrices.table()).anySatisfy(p -> {
            assertThat(p.regions()).isEqualTo("sa-east-1");
            assertThat(p.item()).contains("recorded " + ListPrices.SA_EAST_RECORDED);
        });
    }

    @Test
    void ec2Hourly_regionWithoutARecordedPrice_isRefusedRatherThanGuessed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ListPrices.ec2Hourly("g4dn.12xlarge", "af-south-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("af-south-1");
    }

    @Test
    void ec2Hourly_quietTheftsMumbaiInstance_atItsRecordedPrice() {
        assertThat(ListPrices.ec2Hourly("g4dn.12xlarge", "ap-south-1")).isEqualByComparingTo("4.306");
        assertThat(ListPrices.table()).anySatisfy(p -> assertThat(p.regions()).isEqualTo("ap-south-1"));
    }

    @Test
    void compare_backdoorIdentities_costNothingThemselves() {
        AttackerResource user = new AttackerResource(AttackerResource.Kind.USER, "arn:aws:iam::123456789012:user/b",
                "global", "b", Duration.ofSeconds(60), "AKIA");
        AttackerResource role = new AttackerResource(AttackerResource.Kind.ROLE, "arn:aws:iam::123456789012:role/r",
                "global", "r", Duration.ofSeconds(61), "AKIA");

        CostComparison cost = MODEL.compare(List.of(new AttackerOutcome(user, false, "", Optional.empty(), 0, false),
                new AttackerOutcome(role, false, "", Optional.empty(), 0, false)), EIGHT_HOURS);

        assertThat(cost.without()).isEmpty();
        assertThat(cost.with()).isEmpty();
    }

    @Test
    void compare_containedFunction_savesTheRunsAfterContainment() {
        AttackerResource key = new AttackerResource(AttackerResource.Kind.ACCESS_KEY, "AKIA", "global", "AKIA",
                Duration.ZERO, "AKIA");
        AttackerOutcome keyContained = new AttackerOutcome(key, true, "inactive", Optional.of(Duration.ofSeconds(68)), 0,
                false);
        AttackerOutcome functionContained = new AttackerOutcome(function(Duration.ofSeconds(60)), true,
                "reserved concurrency 0", Optional.of(Duration.ofSeconds(361)), 2, false);
        AttackerOutcome instanceRunning = new AttackerOutcome(instance(Duration.ofSeconds(60)), false, "running",
                Optional.empty(), 0, false);

        CostComparison cost = MODEL.compare(List.of(keyContained, functionContained, instanceRunning), EIGHT_HOURS);

        // A key costs nothing itself; the running instance costs the same on both sides.
        assertThat(cost.without()).hasSize(2);
        assertThat(cost.with()).hasSize(2);
        BigDecimal instanceEightHours = cost.with().get(1).usd();
        assertThat(cost.without().get(1).usd()).isEqualByComparingTo(instanceEightHours);
        assertThat(cost.with().get(1).arithmetic()).contains("never contained");
        assertThat(cost.saved()).isEqualByComparingTo(new BigDecimal("19.200128").subtract(new BigDecimal("0.2400016")));
        assertThat(cost.withoutTotal()).isEqualByComparingTo(new BigDecimal("19.200128").add(instanceEightHours));
    }

    @Test
    void compare_containedAfterTheOwnerWouldHaveNoticed_countsUntilTheOwnerNotices() {
        AttackerOutcome late = new AttackerOutcome(function(Duration.ofSeconds(60)), true, "reserved concurrency 0",
                Optional.of(Duration.ofHours(9)), 0, false);

        CostComparison cost = MODEL.compare(List.of(late), EIGHT_HOURS);

        assertThat(cost.saved()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(cost.savedPercent()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void money_showsCentsOrFourDecimalsBelowADollar() {
        assertThat(Money.format(new BigDecimal("1234.567"))).isEqualTo("$1,234.57");
        assertThat(Money.format(new BigDecimal("0.2400016"))).isEqualTo("$0.2400");
        assertThat(Money.format(BigDecimal.ZERO)).isEqualTo("$0.00");
    }

    @Test
    void prices_listLambdaArmAndTheGpuInstances_withUnits() {
        assertThat(ListPrices.table()).extracting(ListPrices.Price::unit)
                .contains("USD per GB-second", "USD per request", "USD per hour");
        assertThat(ListPrices.ec2Hourly("g4dn.12xlarge")).isEqualByComparingTo("3.912");
        assertThat(ListPrices.ec2Hourly("p3.2xlarge")).isEqualByComparingTo("3.06");
    }
}
