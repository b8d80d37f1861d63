package dev.tourniquet.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** LLMjacking's cost: whole minutes of invocations from the first until the end, at token list prices. */
class ModelInvocationCostTest {
    private static final AttackerResource INVOCATIONS = new AttackerResource(AttackerResource.Kind.MODEL_INVOCATIONS,
            "bedrock/AKIAEXAMPLE", "us-east-1", "claude with AKIAEXAMPLE", Duration.ofSeconds(61), "AKIAEXAMPLE");

    @Test
    void invocations_containedWithinTheFirstMinute_areThatMinutesOnly() {
        assertThat(ModelInvocationCost.invocations(Duration.ofSeconds(61), Duration.ofSeconds(68)))
                .isEqualTo(Llmjacking.PER_MINUTE);
        assertThat(ModelInvocationCost.invocations(Duration.ofSeconds(61), Duration.ofSeconds(61))).isZero();
    }

    @Test
    void line_aDay_isEveryMinutesTokensAtTheRecordedPrices() {
        CostLine day = ModelInvocationCost.line(INVOCATIONS, Duration.ofSeconds(61).plusDays(1), "until the owner notices");

        // 1,440 minutes x 6 invocations x (2,000 x $0.000015 + 1,000 x $0.000075) = 8,640 x $0.105.
        assertThat(day.usd()).isEqualByComparingTo(new BigDecimal("907.2"));
        assertThat(day.arithmetic()).contains("8640 invocations", "recorded " + ModelInvocationCost.RECORDED,
                Llmjacking.MODEL);
    }

    @Test
    void priceTable_recordsTheTokenPricesWithTheirDate() {
        assertThat(ListPrices.table()).anySatisfy(p -> assertThat(p.item()).contains("input tokens",
                ModelInvocationCost.RECORDED));
    }
}
