package org.oversight.domain.policy;

/**
 * The direction of match scores (docs/format.md §9.5): a score is the integer squared Euclidean
 * distance between two templates, lower is more similar, and a probe matches when
 * {@code score <= threshold}. The one place rule R6 reads the scale.
 */
public final class ScoreScale {
    private ScoreScale() {
    }

    /** Whether {@code score} passes {@code threshold}: {@code score <= threshold}. */
    public static boolean passes(long score, long threshold) {
        return score <= threshold;
    }
}
