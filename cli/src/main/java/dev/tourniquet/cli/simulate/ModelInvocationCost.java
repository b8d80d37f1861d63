package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The cost of the attacker's Bedrock invocations (LLMjacking), from token list prices: {@link Llmjacking#PER_MINUTE}
 * invocations a minute from the first one until {@code end}, each of {@link Llmjacking#INPUT_TOKENS} input and
 * {@link Llmjacking#OUTPUT_TOKENS} output tokens of {@link Llmjacking#MODEL}, at its on-demand price in us-east-1
 * (USD 15 per million input tokens, 75 per million output tokens: Anthropic Claude 3 Opus on Amazon Bedrock, recorded
 * on {@value #RECORDED} from {@value #SOURCE}). A minute started before the key was refused is billed whole.
 */
final class ModelInvocationCost {
    static final String RECORDED = "2026-12-03";
    static final String SOURCE = "https://aws.amazon.com/bedrock/pricing/";
    /** USD per input token. */
    static final BigDecimal INPUT_TOKEN = new BigDecimal("0.000015");
    /** USD per output token. */
    static final BigDecimal OUTPUT_TOKEN = new BigDecimal("0.000075");

    private ModelInvocationCost() {}

    /** The invocations made from the first at {@code first} until {@code end}. */
    static long invocations(Duration first, Duration end) {
        return CostModel.runs(first, end, Duration.ofMinutes(1)) * Llmjacking.PER_MINUTE;
    }

    static CostLine line(AttackerResource invocations, Duration end, String why) {
        long count = invocations(invocations.createdAt(), end);
        BigDecimal perInvocation = INPUT_TOKEN.multiply(BigDecimal.valueOf(Llmjacking.INPUT_TOKENS))
                .add(OUTPUT_TOKEN.multiply(BigDecimal.valueOf(Llmjacking.OUTPUT_TOKENS)));
        BigDecimal usd = perInvocation.multiply(BigDecimal.valueOf(count));
        String arithmetic = count + " invocations (" + why + ", " + DurationText.clock(end) + ") x ("
                + Llmjacking.INPUT_TOKENS + " input tokens x $" + INPUT_TOKEN.toPlainString() + " + "
                + Llmjacking.OUTPUT_TOKENS + " output tokens x $" + OUTPUT_TOKEN.toPlainString() + ") ("
                + Llmjacking.MODEL + ", us-east-1, recorded " + RECORDED + ") = " + Money.format(usd);
        return new CostLine(invocations.label(), arithmetic, usd);
    }

    static ListPrices.Price inputPrice() {
        return new ListPrices.Price("Bedrock " + Llmjacking.MODEL + " input tokens (recorded " + RECORDED + ")",
                "us-east-1", INPUT_TOKEN, "USD per token");
    }

    static ListPrices.Price outputPrice() {
        return new ListPrices.Price("Bedrock " + Llmjacking.MODEL + " output tokens (recorded " + RECORDED + ")",
                "us-east-1", OUTPUT_TOKEN, "USD per token");
    }
}
