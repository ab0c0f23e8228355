package org.oversight.domain.json.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString(x)} (ECMA-262 §6.1.6.1.20), the number serialisation RFC 8785
 * §3.2.2.3 requires.
 *
 * <p>The digit string is the shortest decimal that reads back as {@code x} (closest to {@code x}
 * among the shortest, ties to an even last digit). JDK 17's {@link Double#toString(double)} does
 * not guarantee shortest output, so the digits are found exactly with {@link BigDecimal}: for each
 * precision 1..17 the two {@code p}-digit decimals bracketing {@code x} are tried, and the first
 * precision at which one of them round-trips wins. Checking both neighbours (not only the nearest)
 * matters at powers of two, where the rounding interval is asymmetric.
 */
public final class EcmaScriptNumbers {
    private static final double TWO_POW_53 = 9007199254740992.0;

    private EcmaScriptNumbers() {}

    /**
     * The ECMAScript string of {@code x}.
     *
     * @throws IllegalArgumentException if {@code x} is NaN or infinite (JSON cannot carry them)
     */
    public static String toString(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("number " + x + " has no JSON representation");
        }
        if (x == 0) {
            return "0";
        }
        if (Math.abs(x) < TWO_POW_53 && x == Math.rint(x)) {
            return Long.toString((long) x);
        }
        BigDecimal shortest = shortestDecimal(Math.abs(x));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        StringBuilder sb = new StringBuilder(k + 8);
        if (x < 0) {
            sb.append('-');
        }
        if (k <= n && n <= 21) {
            sb.append(digits);
            for (int i = k; i < n; i++) {
                sb.append('0');
            }
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            for (int i = n; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            int e = n - 1;
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }

    /** The shortest round-tripping decimal for positive finite {@code x}, trailing zeros stripped. */
    static BigDecimal shortestDecimal(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == x;
            boolean upOk = up.doubleValue() == x;
            if (downOk && upOk && down.compareTo(up) != 0) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp < 0) {
                    return down.stripTrailingZeros();
                }
                if (cmp > 0) {
                    return up.stripTrailingZeros();
                }
                return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
        }
        throw new AssertionError("no 17-digit decimal round-trips " + x);
    }
}
