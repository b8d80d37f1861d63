package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;

/**
 * What one attacker resource costs on one side of the comparison, with the arithmetic shown.
 *
 * @param resource   the resource
 * @param arithmetic how the amount is computed, in words and numbers
 * @param usd        the amount
 */
record CostLine(String resource, String arithmetic, BigDecimal usd) {
}
