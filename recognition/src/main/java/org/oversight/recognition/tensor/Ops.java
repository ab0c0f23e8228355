package org.oversight.recognition.tensor;

import java.util.Arrays;

/**
 * Reference float32 kernels with a fixed, documented evaluation order, so that every output
 * element is a deterministic function of the inputs on every JVM, JIT tier and thread count
 * (Java float arithmetic is IEEE 754 binary32 with round-to-nearest-even, and the JIT may not
 * contract {@code a * b + c} into a fused multiply-add).
 *
 * <p>Layouts are TensorFlow's: activations NHWC, convolution filters HWIO, depthwise filters
 * {@code [kh, kw, c, multiplier]}. Every reduction starts from {@code +0.0f} and accumulates terms
 * in the order stated on the method; products in convolutions and matrix products are accumulated
 * with a fused multiply-add ({@code acc = Math.fma(x, w, acc)}, one rounding per term). Padded taps
 * are skipped; since an accumulator that starts at {@code +0.0f} can never become {@code -0.0f},
 * skipping a tap is bit-identical to adding its zero product, so kernels may pad explicitly.
 */
public final class Ops {
    private Ops() {}

    /**
     * 2-D convolution. {@code y[n,oy,ox,o] = sum over ky ascending, kx ascending, c ascending of
     * x[n, oy*sh - padTop + ky, ox*sw - padLeft + kx, c] * f[ky,kx,c,o]} (taps outside the input
     * skipped), accumulated in that order as {@code acc = fma(x, f, acc)}.
     *
     * @throws IllegalArgumentException if the ranks differ from 4 or the input channels of
     *     {@code x} and {@code f} disagree
     */
    public static Tensor conv2d(Tensor x, Tensor f, int strideH, int strideW, Padding padding) {
        requireRank(x, 4, "conv2d input");
        requireRank(f, 4, "conv2d filter");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int kh = f.dim(0), kw = f.dim(1), o = f.dim(3);
        if (f.dim(2) != c) {
            throw new IllegalArgumentException("conv2d filter input channels " + f.dim(2) + " != input channels " + c);
        }
        int oh = padding.outputSize(h, kh, strideH), ow = padding.outputSize(w, kw, strideW);
        int pt = padding.padBefore(h, kh, strideH), pl = padding.padBefore(w, kw, strideW);
        float[] xd = x.data(), fd = f.data();
        Tensor y = Tensor.zeros(n, oh, ow, o);
        float[] yd = y.data();
        float[] acc = new float[o];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    Arrays.fill(acc, 0f);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * strideH - pt + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * strideW - pl + kx;
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            int xBase = ((b * h + iy) * w + ix) * c;
                            int fBase = (ky * kw + kx) * c * o;
                            for (int ic = 0; ic < c; ic++) {
                                float xv = xd[xBase + ic];
                                int fRow = fBase + ic * o;
                                for (int oc = 0; oc < o; oc++) {
                                    acc[oc] = Math.fma(xv, fd[fRow + oc], acc[oc]);
                                }
                            }
                        }
                    }
                    System.arraycopy(acc, 0, yd, ((b * oh + oy) * ow + ox) * o, o);
                }
            }
        }
        return y;
    }

    /**
     * Depthwise 2-D convolution with filter {@code [kh, kw, c, m]}: output channel {@code c*m + j}
     * is {@code sum over ky ascending, kx ascending of x[..., c] * f[ky,kx,c,j]}, accumulated with fma.
     */
    public static Tensor depthwiseConv2d(Tensor x, Tensor f, int strideH, int strideW, Padding padding) {
        requireRank(x, 4, "depthwiseConv2d input");
        requireRank(f, 4, "depthwiseConv2d filter");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int kh = f.dim(0), kw = f.dim(1), m = f.dim(3);
        if (f.dim(2) != c) {
            throw new IllegalArgumentException("depthwiseConv2d filter channels " + f.dim(2) + " != input channels " + c);
        }
        int oh = padding.outputSize(h, kh, strideH), ow = padding.outputSize(w, kw, strideW);
        int pt = padding.padBefore(h, kh, strideH), pl = padding.padBefore(w, kw, strideW);
        int oc = c * m;
        float[] xd = x.data(), fd = f.data();
        Tensor y = Tensor.zeros(n, oh, ow, oc);
        float[] yd = y.data();
        float[] acc = new float[oc];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    Arrays.fill(acc, 0f);
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * strideH - pt + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * strideW - pl + kx;
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            int xBase = ((b * h + iy) * w + ix) * c;
                            int fBase = (ky * kw + kx) * oc;
                            for (int k = 0; k < oc; k++) {
                                acc[k] = Math.fma(xd[xBase + k / m], fd[fBase + k], acc[k]);
                            }
                        }
                    }
                    System.arraycopy(acc, 0, yd, ((b * oh + oy) * ow + ox) * oc, oc);
                }
            }
        }
        return y;
    }

    /** Max pooling over {@code k x k} windows; padded positions are ignored. */
    public static Tensor maxPool(Tensor x, int k, int stride, Padding padding) {
        return pool(x, k, stride, padding, true);
    }

    /**
     * Average pooling over {@code k x k} windows: the sum of the window's in-bounds elements in
     * row-major order, divided by their count (TensorFlow.js's CPU semantics).
     */
    public static Tensor avgPool(Tensor x, int k, int stride, Padding padding) {
        return pool(x, k, stride, padding, false);
    }

    private static Tensor pool(Tensor x, int k, int stride, Padding padding, boolean max) {
        requireRank(x, 4, "pool input");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int oh = padding.outputSize(h, k, stride), ow = padding.outputSize(w, k, stride);
        int pt = padding.padBefore(h, k, stride), pl = padding.padBefore(w, k, stride);
        float[] xd = x.data();
        Tensor y = Tensor.zeros(n, oh, ow, c);
        float[] yd = y.data();
        float[] acc = new float[c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    java.util.Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : 0f);
                    int count = 0;
                    // Window positions in row-major order; channels are independent accumulators.
                    for (int ky = 0; ky < k; ky++) {
                        int iy = oy * stride - pt + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < k; kx++) {
                            int ix = ox * stride - pl + kx;
                            if (ix < 0 || ix >= w) {
                                continue;
                            }
                            int xi = ((b * h + iy) * w + ix) * c;
                            if (max) {
                                for (int ch = 0; ch < c; ch++) {
                                    acc[ch] = Math.max(acc[ch], xd[xi + ch]);
                                }
                            } else {
                                for (int ch = 0; ch < c; ch++) {
                                    acc[ch] = acc[ch] + xd[xi + ch];
                                }
                            }
                            count++;
                        }
                    }
                    int yBase = ((b * oh + oy) * ow + ox) * c;
                    for (int ch = 0; ch < c; ch++) {
                        yd[yBase + ch] = max ? acc[ch] : acc[ch] / count;
                    }
                }
            }
        }
        return y;
    }

    /** {@code x + bias}, broadcasting {@code bias} (rank 1) over the last axis of {@code x}. */
    public static Tensor addChannels(Tensor x, Tensor bias) {
        int c = lastDim(x, bias, "addChannels");
        float[] xd = x.data(), bd = bias.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i += c) {
            for (int ch = 0; ch < c; ch++) {
                yd[i + ch] = xd[i + ch] + bd[ch];
            }
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** {@code x * scale}, broadcasting {@code scale} (rank 1) over the last axis of {@code x}. */
    public static Tensor mulChannels(Tensor x, Tensor scale) {
        int c = lastDim(x, scale, "mulChannels");
        float[] xd = x.data(), sd = scale.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i += c) {
            for (int ch = 0; ch < c; ch++) {
                yd[i + ch] = xd[i + ch] * sd[ch];
            }
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** {@code x - sub}, broadcasting {@code sub} (rank 1) over the last axis of {@code x}. */
    public static Tensor subChannels(Tensor x, Tensor sub) {
        int c = lastDim(x, sub, "subChannels");
        float[] xd = x.data(), sd = sub.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i += c) {
            for (int ch = 0; ch < c; ch++) {
                yd[i + ch] = xd[i + ch] - sd[ch];
            }
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** Element-wise {@code a + b}; the shapes must be equal. */
    public static Tensor add(Tensor a, Tensor b) {
        requireSameShape(a, b, "add");
        float[] ad = a.data(), bd = b.data();
        float[] yd = new float[ad.length];
        for (int i = 0; i < ad.length; i++) {
            yd[i] = ad[i] + bd[i];
        }
        return Tensor.wrap(yd, a.shape());
    }

    /** Element-wise {@code x * s}. */
    public static Tensor scale(Tensor x, float s) {
        float[] xd = x.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] * s;
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** Element-wise {@code x / d} (a true division, not a multiplication by {@code 1/d}). */
    public static Tensor div(Tensor x, float d) {
        float[] xd = x.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            yd[i] = xd[i] / d;
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** Element-wise {@code max(x, 0)}; NaN stays NaN, {@code -0.0} becomes {@code 0.0}. */
    public static Tensor relu(Tensor x) {
        float[] xd = x.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            yd[i] = relu(xd[i]);
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** Element-wise {@code min(max(x, 0), 6)}. */
    public static Tensor relu6(Tensor x) {
        float[] xd = x.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            float v = relu(xd[i]);
            yd[i] = v > 6f ? 6f : v;
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** Element-wise logistic {@code 1 / (1 + exp(-x))} computed via {@link StrictMath#exp} in double, rounded once. */
    public static Tensor sigmoid(Tensor x) {
        float[] xd = x.data();
        float[] yd = new float[xd.length];
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) (1.0 / (1.0 + StrictMath.exp(-(double) xd[i])));
        }
        return Tensor.wrap(yd, x.shape());
    }

    /** The scalar ReLU used by every kernel: {@code x > 0 ? x : +0.0f} (NaN stays NaN). */
    public static float relu(float x) {
        return x > 0f ? x : (x != x ? x : 0f);
    }

    /**
     * Appends zeros at the end of the H, W and C axes of an NHWC tensor (TensorFlow's
     * {@code concat} with zero tensors, as face-api's residual down-sampling uses).
     */
    public static Tensor padEnd(Tensor x, int extraH, int extraW, int extraC) {
        requireRank(x, 4, "padEnd input");
        if (extraH < 0 || extraW < 0 || extraC < 0) {
            throw new IllegalArgumentException("padding " + extraH + "," + extraW + "," + extraC + " must be non-negative");
        }
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        int nh = h + extraH, nw = w + extraW, nc = c + extraC;
        Tensor y = Tensor.zeros(n, nh, nw, nc);
        float[] xd = x.data(), yd = y.data();
        for (int b = 0; b < n; b++) {
            for (int iy = 0; iy < h; iy++) {
                for (int ix = 0; ix < w; ix++) {
                    System.arraycopy(xd, ((b * h + iy) * w + ix) * c, yd, ((b * nh + iy) * nw + ix) * nc, c);
                }
            }
        }
        return y;
    }

    /**
     * Mean over the H and W axes of an NHWC tensor, giving {@code [n, c]}: each element is first
     * divided by {@code h*w}, then the quotients are summed in row-major order (TensorFlow.js's CPU
     * {@code mean}: divide, then sum).
     */
    public static Tensor meanSpatial(Tensor x) {
        requireRank(x, 4, "meanSpatial input");
        int n = x.dim(0), h = x.dim(1), w = x.dim(2), c = x.dim(3);
        float count = (float) (h * w);
        float[] xd = x.data();
        Tensor y = Tensor.zeros(n, c);
        float[] yd = y.data();
        for (int b = 0; b < n; b++) {
            for (int ch = 0; ch < c; ch++) {
                float acc = 0f;
                for (int p = 0; p < h * w; p++) {
                    acc = acc + xd[(b * h * w + p) * c + ch] / count;
                }
                yd[b * c + ch] = acc;
            }
        }
        return y;
    }

    /** Matrix product {@code [m,k] x [k,n] -> [m,n]}; each element accumulates {@code fma} over k ascending. */
    public static Tensor matMul(Tensor a, Tensor b) {
        requireRank(a, 2, "matMul left");
        requireRank(b, 2, "matMul right");
        int m = a.dim(0), k = a.dim(1), n = b.dim(1);
        if (b.dim(0) != k) {
            throw new IllegalArgumentException("matMul inner dimensions " + k + " != " + b.dim(0));
        }
        float[] ad = a.data(), bd = b.data();
        Tensor y = Tensor.zeros(m, n);
        float[] yd = y.data();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(ad[i * k + p], bd[p * n + j], acc);
                }
                yd[i * n + j] = acc;
            }
        }
        return y;
    }

    static void requireRank(Tensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(what + " has rank " + t.rank() + " != " + rank + " (shape " + t + ")");
        }
    }

    private static int lastDim(Tensor x, Tensor v, String op) {
        requireRank(v, 1, op + " vector");
        if (x.rank() == 0 || x.dim(x.rank() - 1) != v.dim(0)) {
            throw new IllegalArgumentException(op + ": last dimension of " + x + " != vector length " + v.dim(0));
        }
        return v.dim(0);
    }

    private static void requireSameShape(Tensor a, Tensor b, String op) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + a + " and " + b + " differ");
        }
    }
}
