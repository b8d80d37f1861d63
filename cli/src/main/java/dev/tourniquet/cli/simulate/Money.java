package dev.tourniquet.cli.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Dollar amounts as every report shows them: cents, or four decimals below a dollar so that small sums stay visible. */
final class Money {
    private Money() {}

    static String format(BigDecimal usd) {
        boolean small = usd.signum() != 0 && usd.abs().compareTo(BigDecimal.ONE) < 0;
        BigDecimal rounded = usd.setScale(small ? 4 : 2, RoundingMode.HALF_UP);
        DecimalFormat format = new DecimalFormat(small ? "#,##0.0000" : "#,##0.00",
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        return "$" + format.format(rounded);
    }
}
