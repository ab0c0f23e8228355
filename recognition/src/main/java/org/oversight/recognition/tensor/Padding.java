package org.oversight.recognition.tensor;

/**
 * TensorFlow's padding modes for convolutions and pooling.
 *
 * <p>{@link #VALID}: no padding, output = floor((in - k) / stride) + 1. {@link #SAME}: output =
 * ceil(in / stride); total padding = max((out - 1) * stride + k - in, 0), of which
 * floor(total / 2) goes before (top/left) and the rest after, as in TensorFlow.
 */
public enum Padding {
    VALID,
    SAME;

    /** Output length along one axis. */
    public int outputSize(int in, int kernel, int stride) {
        if (in <= 0 || kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("in " + in + ", kernel " + kernel + ", stride " + stride + " must be positive");
        }
        if (this == SAME) {
            return (in + stride - 1) / stride;
        }
        if (in < kernel) {
            throw new IllegalArgumentException("VALID padding: input " + in + " < kernel " + kernel);
        }
        return (in - kernel) / stride + 1;
    }

    /** Padding before the first element (top or left) along one axis. */
    public int padBefore(int in, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int out = outputSize(in, kernel, stride);
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return total / 2;
    }
}
