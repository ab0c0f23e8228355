package org.oversight.recognition.match;

import org.oversight.recognition.match.internal.SquaredDistance;
import org.oversight.recognition.template.FaceTemplate;

/**
 * The exact integer match score (docs/format.md §9): the squared Euclidean distance between two
 * templates' int8 components, {@code sum over i of (a_i - b_i)^2}, in [0, 128 * 254^2]. Integer
 * arithmetic is exact, so the score is the same in any order, on any machine. Lower is more similar.
 */
public final class MatchScore {
    /** The largest possible score, 128 * 254^2. */
    public static final int MAX = 128 * 254 * 254;

    private MatchScore() {}

    /**
     * The score of {@code a} against {@code b}.
     *
     * @throws IncompatibleTemplateException if the templates come from different models
     */
    public static int squaredDistance(FaceTemplate a, FaceTemplate b) throws IncompatibleTemplateException {
        if (!a.modelId().equals(b.modelId())) {
            throw new IncompatibleTemplateException("template models differ: " + a.modelId() + " vs " + b.modelId());
        }
        return squaredDistance(a.components(), 0, b.components(), 0);
    }

    /** The score between 128-byte vectors at {@code a[ai..]} and {@code b[bi..]}. */
    static int squaredDistance(byte[] a, int ai, byte[] b, int bi) {
        return SquaredDistance.of(a, ai, b, bi);
    }
}
