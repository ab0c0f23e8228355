package org.oversight.recognition.tensor;

import org.oversight.recognition.tensor.internal.MobileNetVectorKernels;

/**
 * The float32 kernels of face-api's detector and landmark networks (MobileNetV1-SSD and the
 * depthwise-separable "dense blocks"), on NHWC rasters of batch 1 held in plain arrays, with
 * HWIO filters.
 *
 * <p>Determinism: every output element is accumulated in one fixed order, the same order as
 * TensorFlow.js's CPU backend (filter row, filter column, input channel; starting from 0, bias
 * added afterwards), each step a correctly rounded {@link Math#fma(float, float, float)}. That is
 * exactly tfjs's {@code y += x * w} on a Float32Array (exact double product, rounded once), so
 * results match tfjs closely and are bit-identical between interpreter, C1 and C2 on any JVM.
 * No loop reassociates a sum; loops are only blocked over independent outputs. The Vector API
 * kernels ({@link MobileNetVectorKernels}) compute every lane exactly as the scalar references.
 */
public final class MobileNetKernels {
    /** Input channels per block of the 1x1 convolution, sized so a block of weights stays in L2. */
    private static final int POINTWISE_WEIGHT_BLOCK_BYTES = 96 * 1024;

    /**
     * Whether the Vector API kernels are used (default); {@code -Doversight.recognition.scalarKernels=true}
     * selects the scalar references, e.g. for interpreter-only runs where the Vector API's
     * fallback would be very slow. Both give identical bits.
     */
    public static final boolean VECTOR = !Boolean.getBoolean("oversight.recognition.scalarKernels");

    private MobileNetKernels() {}

    /** Output length of TensorFlow 'SAME' padding: ceil(in / stride). */
    public static int sameOutput(int in, int stride) {
        return (in + stride - 1) / stride;
    }

    /** Padding before (top/left) of TensorFlow 'SAME' padding: floor(total / 2). */
    public static int samePadBefore(int in, int kernel, int stride) {
        int out = sameOutput(in, stride);
        return Math.max((out - 1) * stride + kernel - in, 0) / 2;
    }

    /**
     * {@code tf.conv2d(x, filter, stride, 'same')} without bias.
     *
     * @param filter HWIO {@code [kh][kw][cin][cout]}
     * @return NHWC output {@code [ceil(h/stride)][ceil(w/stride)][cout]}
     */
    public static float[] conv2dSame(float[] x, int h, int w, int cin, float[] filter, int kh, int kw, int cout, int stride) {
        checkLength("input", x, (long) h * w * cin);
        checkLength("filter", filter, (long) kh * kw * cin * cout);
        if (VECTOR && kh == 1 && kw == 1 && stride == 1) {
            return pointwise(x, h * w, cin, filter, cout);
        }
        if (VECTOR && !MobileNetVectorKernels.supportsConv(cout)) {
            return dropColumns(conv2dSame(x, h, w, cin, padColumns(filter, cout), kh, kw, roundUp(cout), stride),
                    roundUp(cout), cout);
        }
        if (VECTOR) {
            int oh = sameOutput(h, stride);
            int ow = sameOutput(w, stride);
            int hp = Math.max(h, (oh - 1) * stride + kh);
            int wp = Math.max(w, (ow - 1) * stride + kw);
            float[] padded = pad(x, h, w, cin, hp, wp, samePadBefore(h, kh, stride), samePadBefore(w, kw, stride));
            float[] y = new float[oh * ow * cout];
            MobileNetVectorKernels.conv(padded, hp, wp, cin, filter, kh, kw, cout, stride, y, oh, ow);
            return y;
        }
        return conv2dSameScalar(x, h, w, cin, filter, kh, kw, cout, stride);
    }

    /** Scalar reference for {@link #conv2dSame}; bit-identical to it. */
    public static float[] conv2dSameScalar(float[] x, int h, int w, int cin, float[] filter, int kh, int kw, int cout,
            int stride) {
        checkLength("input", x, (long) h * w * cin);
        checkLength("filter", filter, (long) kh * kw * cin * cout);
        if (kh == 1 && kw == 1 && stride == 1) {
            return pointwiseScalar(x, h * w, cin, filter, cout);
        }
        int oh = sameOutput(h, stride);
        int ow = sameOutput(w, stride);
        int padTop = samePadBefore(h, kh, stride);
        int padLeft = samePadBefore(w, kw, stride);
        float[] y = new float[oh * ow * cout];
        for (int oy = 0; oy < oh; oy++) {
            int yRow = oy * ow * cout;
            int iy0 = oy * stride - padTop;
            for (int ky = 0; ky < kh; ky++) {
                int iy = iy0 + ky;
                if (iy < 0 || iy >= h) {
                    continue;
                }
                int xRow = iy * w * cin;
                int fRow = ky * kw * cin * cout;
                for (int ox = 0; ox < ow; ox++) {
                    int yOff = yRow + ox * cout;
                    int ix0 = ox * stride - padLeft;
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ix0 + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        int xOff = xRow + ix * cin;
                        int fOff = fRow + kx * cin * cout;
                        for (int ci = 0; ci < cin; ci++) {
                            axpy(y, yOff, x[xOff + ci], filter, fOff + ci * cout, cout);
                        }
                    }
                }
            }
        }
        return y;
    }

    /**
     * 1x1 convolution, stride 1, without bias: {@code y[p][co] = sum over ci (ascending) of
     * x[p][ci] * filter[ci][co]}. Blocked over input channels for cache reuse; the blocks are
     * visited in ascending order, so each sum keeps tfjs's order.
     */
    public static float[] pointwise(float[] x, int pixels, int cin, float[] filter, int cout) {
        checkLength("input", x, (long) pixels * cin);
        checkLength("filter", filter, (long) cin * cout);
        if (VECTOR && !MobileNetVectorKernels.supportsConv(cout)) {
            return dropColumns(pointwise(x, pixels, cin, padColumns(filter, cout), roundUp(cout)), roundUp(cout), cout);
        }
        if (VECTOR) {
            float[] y = new float[pixels * cout];
            MobileNetVectorKernels.conv(x, 1, pixels, cin, filter, 1, 1, cout, 1, y, 1, pixels);
            return y;
        }
        return pointwiseScalar(x, pixels, cin, filter, cout);
    }

    /** Scalar reference for {@link #pointwise}; bit-identical to it. */
    public static float[] pointwiseScalar(float[] x, int pixels, int cin, float[] filter, int cout) {
        checkLength("input", x, (long) pixels * cin);
        checkLength("filter", filter, (long) cin * cout);
        float[] y = new float[pixels * cout];
        int block = Math.max(1, POINTWISE_WEIGHT_BLOCK_BYTES / (cout * Float.BYTES));
        for (int c0 = 0; c0 < cin; c0 += block) {
            int c1 = Math.min(cin, c0 + block);
            for (int p = 0; p < pixels; p++) {
                int yOff = p * cout;
                int xOff = p * cin;
                for (int ci = c0; ci < c1; ci++) {
                    axpy(y, yOff, x[xOff + ci], filter, ci * cout, cout);
                }
            }
        }
        return y;
    }

    /**
     * {@code tf.depthwiseConv2d(x, filter, stride, 'same')} with channel multiplier 1.
     *
     * @param filter {@code [kh][kw][c][1]}
     */
    public static float[] depthwiseSame(float[] x, int h, int w, int c, float[] filter, int kh, int kw, int stride) {
        checkLength("input", x, (long) h * w * c);
        checkLength("filter", filter, (long) kh * kw * c);
        if (VECTOR && MobileNetVectorKernels.supportsDepthwise(c)) {
            int oh = sameOutput(h, stride);
            int ow = sameOutput(w, stride);
            int hp = Math.max(h, (oh - 1) * stride + kh);
            int wp = Math.max(w, (ow - 1) * stride + kw);
            float[] padded = pad(x, h, w, c, hp, wp, samePadBefore(h, kh, stride), samePadBefore(w, kw, stride));
            float[] y = new float[oh * ow * c];
            MobileNetVectorKernels.depthwise(padded, hp, wp, c, filter, kh, kw, stride, y, oh, ow);
            return y;
        }
        return depthwiseSameScalar(x, h, w, c, filter, kh, kw, stride);
    }

    /** Scalar reference for {@link #depthwiseSame}; bit-identical to it. */
    public static float[] depthwiseSameScalar(float[] x, int h, int w, int c, float[] filter, int kh, int kw, int stride) {
        checkLength("input", x, (long) h * w * c);
        checkLength("filter", filter, (long) kh * kw * c);
        int oh = sameOutput(h, stride);
        int ow = sameOutput(w, stride);
        int padTop = samePadBefore(h, kh, stride);
        int padLeft = samePadBefore(w, kw, stride);
        float[] y = new float[oh * ow * c];
        for (int oy = 0; oy < oh; oy++) {
            int iy0 = oy * stride - padTop;
            for (int ky = 0; ky < kh; ky++) {
                int iy = iy0 + ky;
                if (iy < 0 || iy >= h) {
                    continue;
                }
                for (int ox = 0; ox < ow; ox++) {
                    int yOff = (oy * ow + ox) * c;
                    int ix0 = ox * stride - padLeft;
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ix0 + kx;
                        if (ix < 0 || ix >= w) {
                            continue;
                        }
                        int xOff = (iy * w + ix) * c;
                        int fOff = (ky * kw + kx) * c;
                        for (int ch = 0; ch < c; ch++) {
                            y[yOff + ch] = Math.fma(x[xOff + ch], filter[fOff + ch], y[yOff + ch]);
                        }
                    }
                }
            }
        }
        return y;
    }

    /** In place: {@code y[i] = y[i] + bias[i mod c]} (float32 add). */
    public static void addBias(float[] y, float[] bias) {
        int c = bias.length;
        if (y.length % c != 0) {
            throw new IllegalArgumentException("length " + y.length + " is not a multiple of bias length " + c);
        }
        for (int p = 0; p < y.length; p += c) {
            for (int ch = 0; ch < c; ch++) {
                y[p + ch] = y[p + ch] + bias[ch];
            }
        }
    }

    /** In place: {@code clip(y + bias, 0, 6)}, face-api's "pointwise conv layer" epilogue. */
    public static void addBiasRelu6(float[] y, float[] bias) {
        addBias(y, bias);
        clip(y, 0f, 6f);
    }

    /** In place: {@code tf.clipByValue(y, min, max)}. */
    public static void clip(float[] y, float min, float max) {
        if (VECTOR) {
            MobileNetVectorKernels.clip(y, min, max);
            return;
        }
        for (int i = 0; i < y.length; i++) {
            float v = y[i];
            y[i] = v > max ? max : (v < min ? min : v);
        }
    }

    /** In place: {@code tf.relu(y)} = max(0, y). */
    public static void relu(float[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0f, y[i]);
        }
    }

    /**
     * In place: tfjs's CPU {@code batchNorm}: {@code offset + (x - mean) * scale / sqrt(variance +
     * epsilon)} evaluated left to right in double, stored as float32.
     */
    public static void batchNorm(float[] y, float[] mean, float[] variance, float[] offset, float[] scale, double epsilon) {
        int c = mean.length;
        if (variance.length != c || offset.length != c || scale.length != c || y.length % c != 0) {
            throw new IllegalArgumentException("batchNorm parameter lengths " + c + "/" + variance.length + "/"
                    + offset.length + "/" + scale.length + " do not fit input length " + y.length);
        }
        // sqrt is correctly rounded, so hoisting it per channel changes no bit; the division stays.
        double[] root = new double[c];
        for (int ch = 0; ch < c; ch++) {
            root[ch] = Math.sqrt((double) variance[ch] + epsilon);
        }
        for (int p = 0; p < y.length; p += c) {
            for (int ch = 0; ch < c; ch++) {
                double v = (double) offset[ch] + ((double) y[p + ch] - mean[ch]) * scale[ch] / root[ch];
                y[p + ch] = (float) v;
            }
        }
    }

    /** {@code a + b} element-wise (float32), a fresh array. */
    public static float[] add(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("add: lengths " + a.length + " != " + b.length);
        }
        float[] y = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = a[i] + b[i];
        }
        return y;
    }

    /**
     * {@code tf.avgPool(x, [k, k], [stride, stride], 'valid')}: window sum in double (row-major
     * order), divided by the window count, stored as float32.
     */
    public static float[] avgPoolValid(float[] x, int h, int w, int c, int k, int stride) {
        checkLength("input", x, (long) h * w * c);
        if (h < k || w < k) {
            throw new IllegalArgumentException("avgPool window " + k + " larger than input " + w + "x" + h);
        }
        int oh = (h - k) / stride + 1;
        int ow = (w - k) / stride + 1;
        float[] y = new float[oh * ow * c];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                for (int ch = 0; ch < c; ch++) {
                    double sum = 0;
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            sum += x[((oy * stride + ky) * w + ox * stride + kx) * c + ch];
                        }
                    }
                    y[(oy * ow + ox) * c + ch] = (float) (sum / (k * k));
                }
            }
        }
        return y;
    }

    /**
     * {@code tf.matMul(x[1][n], weights[n][m])} as tfjs's CPU backend computes it: each output is
     * the float32 accumulation of partial sums over consecutive blocks of 48 inputs, each partial
     * sum accumulated in double.
     */
    public static float[] matVec(float[] x, float[] weights, int m) {
        int n = x.length;
        checkLength("weights", weights, (long) n * m);
        final int block = 48;
        float[] y = new float[m];
        for (int k0 = 0; k0 < n; k0 += block) {
            int k1 = Math.min(n, k0 + block);
            for (int j = 0; j < m; j++) {
                double partial = 0;
                for (int k = k0; k < k1; k++) {
                    partial += (double) x[k] * weights[k * m + j];
                }
                y[j] = (float) (y[j] + partial);
            }
        }
        return y;
    }

    /** Output channels rounded up to what the vector kernels handle. */
    private static int roundUp(int cout) {
        int step = 2 * MobileNetVectorKernels.lanes();
        return (cout + step - 1) / step * step;
    }

    /**
     * The filter with zero output columns appended up to {@link #roundUp}: the extra outputs are
     * computed and dropped, the real ones are untouched (each lane is independent).
     */
    private static float[] padColumns(float[] filter, int cout) {
        int wide = roundUp(cout);
        int rows = filter.length / cout;
        float[] out = new float[rows * wide];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(filter, r * cout, out, r * wide, cout);
        }
        return out;
    }

    private static float[] dropColumns(float[] y, int wide, int cout) {
        int rows = y.length / wide;
        float[] out = new float[rows * cout];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(y, r * wide, out, r * cout, cout);
        }
        return out;
    }

    /** Zero-pads {@code x[h][w][c]} into {@code [hp][wp][c]} with the given top/left offsets. */
    private static float[] pad(float[] x, int h, int w, int c, int hp, int wp, int top, int left) {
        if (hp == h && wp == w) {
            return x;
        }
        float[] out = new float[hp * wp * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(x, y * w * c, out, ((y + top) * wp + left) * c, w * c);
        }
        return out;
    }

    private static void axpy(float[] y, int yOff, float a, float[] w, int wOff, int n) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] = Math.fma(a, w[wOff + j], y[yOff + j]);
        }
    }

    private static void checkLength(String what, float[] a, long expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(what + " length " + a.length + " != expected " + expected);
        }
    }
}
