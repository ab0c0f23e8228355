package org.oversight.verifier.report;

/**
 * A count with its noun in the right number ("1 violation", "2 violations", "1 leaf",
 * "0 leaves"), so no report says "1 violations" or "violation(s)".
 */
public final class Plural {
    private Plural() {}

    /** {@code n} and the noun, plural formed by adding "s" unless {@code n == 1}. */
    public static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    /** {@code n} and {@code singular} when {@code n == 1}, else {@code plural}. */
    public static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
