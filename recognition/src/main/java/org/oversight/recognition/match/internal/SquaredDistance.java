package org.oversight.recognition.match.internal;

/**
 * Squared Euclidean distance between 128-component int8 vectors. Integer arithmetic is exact and
 * associative, so the Vector API kernel (used when {@code jdk.incubator.vector} is present) and the
 * plain loop give the same value — no ordering question arises.
 */
public final class SquaredDistance {
    private static final boolean VECTOR = !Boolean.getBoolean("oversight.recognition.scalar")
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private SquaredDistance() {}

    /** {@code sum over i < 128 of (a[ai+i] - b[bi+i])^2}. */
    public static int of(byte[] a, int ai, byte[] b, int bi) {
        return VECTOR ? VectorSquaredDistance.of(a, ai, b, bi) : scalar(a, ai, b, bi);
    }

    /** The plain-Java definition. */
    public static int scalar(byte[] a, int ai, byte[] b, int bi) {
        int s = 0;
        for (int i = 0; i < 128; i++) {
            int d = a[ai + i] - b[bi + i];
            s += d * d;
        }
        return s;
    }
}
