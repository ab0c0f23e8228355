package org.oversight.recognition.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order; rank-4 activations are NHWC, convolution filters
 * HWIO (TensorFlow's layouts).
 *
 * <p>The element array is shared, not copied, so that kernels run without allocation churn:
 * {@link #data()} is the live backing array. By convention a kernel never mutates its inputs, and
 * code must not mutate a tensor it did not create.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        this.shape = shape;
        this.data = data;
    }

    /**
     * Wraps {@code data} (not copied) with the given shape.
     *
     * @throws IllegalArgumentException if a dimension is negative or the element count differs
     *     from {@code data.length}
     */
    public static Tensor wrap(float[] data, int... shape) {
        long n = checkedSize(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " has " + n + " elements != data length " + data.length);
        }
        return new Tensor(shape.clone(), data);
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(int... shape) {
        long n = checkedSize(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large: " + n + " elements");
        }
        return new Tensor(shape.clone(), new float[(int) n]);
    }

    private static long checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return n;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code axis}. */
    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    /** The live backing array (see class comment). */
    public float[] data() {
        return data;
    }

    /** A same-shape tensor over a copy of the elements. */
    public Tensor copy() {
        return new Tensor(shape.clone(), data.clone());
    }

    /** A tensor sharing this one's elements with a different shape of the same size. */
    public Tensor reshape(int... newShape) {
        return wrap(data, newShape);
    }

    /** The element at the given multi-index (row-major); bounds are checked per axis. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank " + index.length + " != tensor rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("index " + index[i] + " out of [0, " + shape[i] + ") on axis " + i);
            }
            flat = flat * shape[i] + index[i];
        }
        return data[flat];
    }

    /** True if both have the same shape and bit-identical elements ({@link Float#floatToRawIntBits}). */
    public boolean bitEquals(Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(other.data[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
