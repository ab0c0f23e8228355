package org.oversight.recognition.match.internal;

/**
 * Squared Euclidean distance between 128-component int8 vectors. Integer arithmetic is exact and
 * associative, so the Vector API kernel (used when {@code jdk.incubator.vector} is present) and the
 * plain loop give the same value — no ordering question arises.
 */
public final class SquaredDistance {
    static final boolean VECTOR = !Boolean.getBoolean("oversight.recognition.scalar")
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private SquaredDistance() {}

    /** {@code sum over i < 128 of (a[ai+i] - b[bi+i])^2}. */
    public static int of(byte[] a, int ai, byte[] b, int bi) {
        return VECTOR ? VectorSquaredDistance.of(a, ai, b, bi) : scalar(a, ai, b, bi);
    }

    /** {@code v} widened to ints, for {@link #ofWidened}. */
    public static int[] widen(byte[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /**
     * {@link #of} over components already widened to ints ({@link #widen}; 128 each): the same
     * exact value. Without the Vector API this is the fast path — the JIT vectorises a loop over
     * ints, not one that widens bytes — so callers comparing one probe with many stored
     * templates widen each once.
     */
    public static int ofWidened(int[] a, int[] b) {
        if (a.length != 128 || b.length != 128) {
            throw new IllegalArgumentException("widened lengths " + a.length + ", " + b.length + " != 128");
        }
        int s = 0;
        for (int i = 0; i < 128; i++) {
            int d = a[i] - b[i];
            s += d * d;
        }
        return s;
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
