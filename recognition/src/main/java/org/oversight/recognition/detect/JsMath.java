package org.oversight.recognition.detect;

/** JavaScript's {@code Math.round}, which face-api uses: round half toward positive infinity. */
public final class JsMath {
    private JsMath() {}

    /** {@code Math.round(x)} as ECMAScript defines it (ties go up: -2.5 -> -2, 2.5 -> 3). */
    public static double round(double x) {
        double f = Math.floor(x);
        return x - f >= 0.5 ? f + 1 : f;
    }
}
