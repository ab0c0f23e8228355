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

    /**
     * The shortest round-tripping decimal for positive finite {@code x}, trailing zeros stripped.
     * Whether some {@code p}-digit decimal round-trips is monotone in {@code p} (a closer bracket at
     * {@code p+1} lies between {@code x} and any {@code p}-digit one), so {@code p} is found by
     * binary search; 17 digits always suffice for a double.
     */
    static BigDecimal shortestDecimal(double x) {
        BigDecimal exact = new BigDecimal(x);
        int lo = 1;
        int hi = 17;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (closestRoundTripping(exact, x, mid) != null) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        BigDecimal best = closestRoundTripping(exact, x, lo);
        if (best == null) {
            throw new AssertionError("no 17-digit decimal round-trips " + x);
        }
        return best.stripTrailingZeros();
    }

    /**
     * Of the two {@code p}-digit decimals bracketing {@code exact}, the one that reads back as
     * {@code x} (the closer if both do, ties to an even last digit), or null if neither does.
     */
    private static BigDecimal closestRoundTripping(BigDecimal exact, double x, int p) {
        BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
        boolean downOk = down.doubleValue() == x;
        boolean upOk = up.doubleValue() == x;
        if (downOk && upOk && down.compareTo(up) != 0) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        if (downOk) {
            return down;
        }
        return upOk ? up : null;
    }
}
