package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * The attacker's bill without Tourniquet (everything runs until the owner notices) and with it (each
 * resource runs until the emulator showed it contained; one never contained runs until the owner notices).
 */
record CostComparison(Duration ownerNoticesAfter, List<CostLine> without, List<CostLine> with) {

    static BigDecimal total(List<CostLine> lines) {
        return lines.stream().map(CostLine::usd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    BigDecimal withoutTotal() {
        return total(without);
    }

    BigDecimal withTotal() {
        return total(with);
    }

    BigDecimal saved() {
        return withoutTotal().subtract(withTotal());
    }

    /** The share saved, in percent with one decimal; 0 when there was nothing to save. */
    BigDecimal savedPercent() {
        if (withoutTotal().signum() == 0) {
            return BigDecimal.ZERO.setScale(1);
        }
        return saved().multiply(BigDecimal.valueOf(100)).divide(withoutTotal(), 1, RoundingMode.HALF_UP);
    }
}
