package org.oversight.recognition.tensor;

import org.oversight.recognition.tensor.internal.ConvKernels;

/**
 * A fast 2-D convolution with a fused per-channel epilogue, bit-identical to the reference
 * composition {@code act(((Ops.conv2d(x, f) + bias) * mul) + add)} (each of {@code bias},
 * {@code mul}, {@code add} optional; each step its own float32 rounding, in that order).
 *
 * <p>Why it is exactly equal: the input is zero-padded explicitly (bit-identical to skipping
 * padded taps, see {@link Ops}), and every output element is still accumulated by
 * {@code acc = fma(x, w, acc)} over (ky, kx, c) ascending — the kernel vectorises across output
 * channels and blocks across output pixels, which are independent accumulators, never splitting
 * one element's sum. The Vector API is used when the {@code jdk.incubator.vector} module is
 * present ({@code --add-modules jdk.incubator.vector}); otherwise a plain-Java kernel with the same
 * order runs. Results do not depend on lane width, JIT tier or thread count.
 */
public final class FusedConv {
    private FusedConv() {}

    /** The activation applied last. */
    public enum Activation {
        NONE,
        /** {@link Ops#relu(float)}. */
        RELU,
        /** {@code min(relu(x), 6)}. */
        RELU6
    }

    /**
     * Convolution with fused epilogue (see class comment).
     *
     * @param bias added after the convolution, or null
     * @param mul multiplied next, or null
     * @param add added last before the activation, or null
     * @throws IllegalArgumentException on rank or channel mismatches, or a per-channel vector
     *     whose length differs from the output channels
     */
    public static Tensor conv2d(Tensor x, Tensor f, int stride, Padding padding,
            Tensor bias, Tensor mul, Tensor add, Activation act) {
        Ops.requireRank(x, 4, "conv2d input");
        Ops.requireRank(f, 4, "conv2d filter");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int kh = f.dim(0), kw = f.dim(1), o = f.dim(3);
        if (f.dim(2) != c) {
            throw new IllegalArgumentException("conv2d filter input channels " + f.dim(2) + " != input channels " + c);
        }
        checkVector(bias, o, "bias");
        checkVector(mul, o, "mul");
        checkVector(add, o, "add");
        int oh = padding.outputSize(h, kh, stride), ow = padding.outputSize(w, kw, stride);
        int pt = padding.padBefore(h, kh, stride), pl = padding.padBefore(w, kw, stride);
        int hp = Math.max(h + pt, (oh - 1) * stride + kh), wp = Math.max(w + pl, (ow - 1) * stride + kw);
        Tensor y = Tensor.zeros(n, oh, ow, o);
        int xImage = h * w * c, yImage = oh * ow * o;
        float[] xd = x.data();
        for (int b = 0; b < n; b++) {
            float[] img;
            if (pt == 0 && pl == 0 && hp == h && wp == w) {
                img = n == 1 ? xd : java.util.Arrays.copyOfRange(xd, b * xImage, (b + 1) * xImage);
            } else {
                img = padImage(xd, b * xImage, h, w, c, pt, pl, hp, wp);
            }
            ConvKernels.convValid(img, hp, wp, c, f.data(), kh, kw, o, stride,
                    y.data(), b * yImage, oh, ow,
                    bias == null ? null : bias.data(), mul == null ? null : mul.data(), add == null ? null : add.data(),
                    act.ordinal());
        }
        return y;
    }

    /** Which kernel runs here: {@code "vector(<lanes> lanes)"} or {@code "scalar"}. */
    public static String implementation() {
        return ConvKernels.implementation();
    }

    private static float[] padImage(float[] xd, int off, int h, int w, int c, int pt, int pl, int hp, int wp) {
        float[] out = new float[hp * wp * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(xd, off + y * w * c, out, ((y + pt) * wp + pl) * c, w * c);
        }
        return out;
    }

    private static void checkVector(Tensor v, int o, String what) {
        if (v != null && (v.rank() != 1 || v.dim(0) != o)) {
            throw new IllegalArgumentException(what + " " + v + " must have shape [" + o + "]");
        }
    }
}
