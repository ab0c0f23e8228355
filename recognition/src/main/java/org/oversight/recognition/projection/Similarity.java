package org.oversight.recognition.projection;

import org.oversight.recognition.match.MatchScore;

/**
 * The scale of {@code score}, {@code threshold} and {@code thresholdFloor} in {@code MatchProposed}
 * and {@code RecognitionPolicySet} (docs/format.md §9.7): a similarity, higher is more similar.
 *
 * <p>Why not the squared distance of {@link MatchScore} directly: the event catalogue (§4.4, §4.8,
 * rule R6) and its validation require {@code score ≥ threshold ≥ thresholdFloor}, a
 * higher-is-better reading in which the floor bounds how permissive a policy may be. Mapping
 * {@code similarity = MatchScore.MAX − squaredDistance} keeps that reading exact and integer:
 * {@code similarity ≥ threshold} iff {@code squaredDistance ≤ MatchScore.MAX − threshold}.
 */
public final class Similarity {
    /** The largest similarity (identical templates): {@code 128 × 254² = 8,258,048}. */
    public static final long MAX = MatchScore.MAX;

    private Similarity() {}

    /**
     * The similarity of a squared distance.
     *
     * @throws IllegalArgumentException if {@code squaredDistance} is outside [0, {@link #MAX}]
     */
    public static long ofSquaredDistance(int squaredDistance) {
        if (squaredDistance < 0 || squaredDistance > MAX) {
            throw new IllegalArgumentException("squared distance " + squaredDistance + " outside [0, " + MAX + "]");
        }
        return MAX - squaredDistance;
    }

    /**
     * The policy threshold equivalent to "squared distance ≤ {@code maxSquaredDistance}" (e.g.
     * {@code MatchThreshold.DEFAULT.maxScore()} = 9,216 gives 8,248,832).
     *
     * @throws IllegalArgumentException if {@code maxSquaredDistance} is outside [0, {@link #MAX}]
     */
    public static long thresholdForMaxSquaredDistance(int maxSquaredDistance) {
        return ofSquaredDistance(maxSquaredDistance);
    }
}
