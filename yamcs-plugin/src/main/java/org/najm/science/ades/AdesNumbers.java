package org.najm.science.ades;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point text for submit.xsd's decimal types: no exponent, and a width limit that counts
 * digits and the point but not the sign (e.g. DecimalTypeW14 is a sign plus 13 characters).
 */
final class AdesNumbers {

    private AdesNumbers() {
    }

    /**
     * {@code v} with {@code decimals} decimals, fewer if that is too wide.
     *
     * @throws IllegalArgumentException if even the integer part is too wide
     */
    static BigDecimal fit(double v, int decimals, int width) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(v + " is not finite");
        }
        for (int d = decimals; d >= 0; d--) {
            BigDecimal r = new BigDecimal(v).setScale(d, RoundingMode.HALF_EVEN);
            if (width(r) <= width) {
                return r;
            }
        }
        throw new IllegalArgumentException(v + " does not fit in " + width + " characters");
    }

    /**
     * For the schema's strictly positive types: like {@link #fit}, but a small value that would
     * round to zero gets more decimals, as the width allows. Null if it is zero all the same.
     */
    static BigDecimal positive(double v, int decimals, int width) {
        if (!(v > 0)) {
            return null;
        }
        BigDecimal r = fit(v, decimals, width);
        for (int d = decimals + 1; r.signum() == 0 && d <= width - 2; d++) {
            r = new BigDecimal(v).setScale(d, RoundingMode.HALF_EVEN);
        }
        return r.signum() == 0 ? null : r;
    }

    static String text(BigDecimal v) {
        return v.toPlainString();
    }

    private static int width(BigDecimal r) {
        String s = r.toPlainString();
        return s.startsWith("-") ? s.length() - 1 : s.length();
    }
}
