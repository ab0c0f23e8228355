package org.oversight.recognition.embed;

import java.util.Arrays;

/** A 128-D face descriptor (float32) as the recognition network outputs it; immutable. */
public final class FaceDescriptor {
    /** Number of dimensions. */
    public static final int DIMENSIONS = 128;

    private final float[] values;

    private FaceDescriptor(float[] values) {
        this.values = values;
    }

    /**
     * Wraps a copy of 128 floats.
     *
     * @throws IllegalArgumentException if there are not exactly 128 values
     */
    public static FaceDescriptor of(float[] values) {
        if (values.length != DIMENSIONS) {
            throw new IllegalArgumentException("descriptor has " + values.length + " values != " + DIMENSIONS);
        }
        return new FaceDescriptor(values.clone());
    }

    /** A copy of the values. */
    public float[] toArray() {
        return values.clone();
    }

    /** Value {@code i}. */
    public float get(int i) {
        return values[i];
    }

    /**
     * Euclidean distance, as face-api computes it (for reporting; matching uses integer templates):
     * squared differences summed in double in index order, then the square root.
     */
    public double euclideanDistance(FaceDescriptor other) {
        double s = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            double d = (double) values[i] - other.values[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** True if every value has the same bits ({@link Float#floatToRawIntBits}). */
    public boolean bitEquals(FaceDescriptor other) {
        for (int i = 0; i < DIMENSIONS; i++) {
            if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceDescriptor other && bitEquals(other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FaceDescriptor" + Arrays.toString(Arrays.copyOf(values, 4)).replace("]", ", ...]");
    }
}
