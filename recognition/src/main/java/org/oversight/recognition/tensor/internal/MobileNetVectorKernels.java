package org.oversight.recognition.tensor.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API versions of the convolution kernels of
 * {@link org.oversight.recognition.tensor.MobileNetKernels}. Each lane is one output element,
 * accumulated from +0.0 by lane-wise {@code fma} over the taps in exactly the scalar order
 * (filter row, filter column, input channel, ascending), so results are bit-identical to the
 * scalar kernels whatever the lane count; no horizontal reduction ever happens.
 *
 * <p>Taps falling in the zero padding are not skipped but read as zeros: {@code fma(0, w, acc)}
 * returns {@code acc} exactly (the accumulator starts at +0.0 and can never become -0.0), so this
 * equals skipping them.
 */
public final class MobileNetVectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int TILE_PIXELS = 4;

    private MobileNetVectorKernels() {}

    /** Lanes per vector on this machine. */
    public static int lanes() {
        return L;
    }

    /** Whether {@link #conv} handles {@code cout} output channels (a multiple of 2 vectors). */
    public static boolean supportsConv(int cout) {
        return cout % (2 * L) == 0;
    }

    /** Whether {@link #depthwise} handles {@code c} channels (a multiple of one vector). */
    public static boolean supportsDepthwise(int c) {
        return c % L == 0;
    }

    /**
     * VALID convolution of an already padded input {@code x[hp][wp][cin]} with HWIO filter
     * {@code f[kh][kw][cin][cout]}, into {@code y[oh][ow][cout]} (no bias).
     */
    public static void conv(float[] x, int hp, int wp, int cin, float[] f, int kh, int kw, int cout, int stride,
            float[] y, int oh, int ow) {
        int taps = kh * kw * cin;
        int[] xoff = new int[taps];
        for (int ky = 0, t = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ci = 0; ci < cin; ci++, t++) {
                    xoff[t] = (ky * wp + kx) * cin + ci;
                }
            }
        }
        int step = stride * cin;
        if (kh == 1 && kw == 1 && stride == 1 && hp == 1 && cout % (4 * L) == 0) {
            pointwise4x4(x, ow, cin, f, cout, y);
            return;
        }
        for (int ocb = 0; ocb < cout; ocb += 2 * L) {
            for (int oy = 0; oy < oh; oy++) {
                int ox = 0;
                for (; ox + TILE_PIXELS <= ow; ox += TILE_PIXELS) {
                    int base = (oy * stride * wp + ox * stride) * cin;
                    tile4(x, xoff, taps, base, step, f, cout, ocb, y, (oy * ow + ox) * cout + ocb);
                }
                for (; ox < ow; ox++) {
                    int base = (oy * stride * wp + ox * stride) * cin;
                    tile1(x, xoff, taps, base, f, cout, ocb, y, (oy * ow + ox) * cout + ocb);
                }
            }
        }
    }

    /**
     * 1x1 convolution over {@code pixels} rows with a 4-pixel x 4-vector register tile (16
     * accumulators): each weight vector loaded once serves 4 pixels, each broadcast 4 vectors.
     */
    private static void pointwise4x4(float[] x, int pixels, int cin, float[] f, int cout, float[] y) {
        for (int ocb = 0; ocb < cout; ocb += 4 * L) {
            int p = 0;
            for (; p + TILE_PIXELS <= pixels; p += TILE_PIXELS) {
                int x0 = p * cin;
                FloatVector a00 = FloatVector.zero(S);
                FloatVector a01 = FloatVector.zero(S);
                FloatVector a02 = FloatVector.zero(S);
                FloatVector a03 = FloatVector.zero(S);
                FloatVector a10 = FloatVector.zero(S);
                FloatVector a11 = FloatVector.zero(S);
                FloatVector a12 = FloatVector.zero(S);
                FloatVector a13 = FloatVector.zero(S);
                FloatVector a20 = FloatVector.zero(S);
                FloatVector a21 = FloatVector.zero(S);
                FloatVector a22 = FloatVector.zero(S);
                FloatVector a23 = FloatVector.zero(S);
                FloatVector a30 = FloatVector.zero(S);
                FloatVector a31 = FloatVector.zero(S);
                FloatVector a32 = FloatVector.zero(S);
                FloatVector a33 = FloatVector.zero(S);
                int fi = ocb;
                for (int ci = 0; ci < cin; ci++, fi += cout) {
                    FloatVector w0 = FloatVector.fromArray(S, f, fi);
                    FloatVector w1 = FloatVector.fromArray(S, f, fi + L);
                    FloatVector w2 = FloatVector.fromArray(S, f, fi + 2 * L);
                    FloatVector w3 = FloatVector.fromArray(S, f, fi + 3 * L);
                    FloatVector v = FloatVector.broadcast(S, x[x0 + ci]);
                    a00 = v.fma(w0, a00);
                    a01 = v.fma(w1, a01);
                    a02 = v.fma(w2, a02);
                    a03 = v.fma(w3, a03);
                    v = FloatVector.broadcast(S, x[x0 + cin + ci]);
                    a10 = v.fma(w0, a10);
                    a11 = v.fma(w1, a11);
                    a12 = v.fma(w2, a12);
                    a13 = v.fma(w3, a13);
                    v = FloatVector.broadcast(S, x[x0 + 2 * cin + ci]);
                    a20 = v.fma(w0, a20);
                    a21 = v.fma(w1, a21);
                    a22 = v.fma(w2, a22);
                    a23 = v.fma(w3, a23);
                    v = FloatVector.broadcast(S, x[x0 + 3 * cin + ci]);
                    a30 = v.fma(w0, a30);
                    a31 = v.fma(w1, a31);
                    a32 = v.fma(w2, a32);
                    a33 = v.fma(w3, a33);
                }
                int yi = p * cout + ocb;
                a00.intoArray(y, yi);
                a01.intoArray(y, yi + L);
                a02.intoArray(y, yi + 2 * L);
                a03.intoArray(y, yi + 3 * L);
                yi += cout;
                a10.intoArray(y, yi);
                a11.intoArray(y, yi + L);
                a12.intoArray(y, yi + 2 * L);
                a13.intoArray(y, yi + 3 * L);
                yi += cout;
                a20.intoArray(y, yi);
                a21.intoArray(y, yi + L);
                a22.intoArray(y, yi + 2 * L);
                a23.intoArray(y, yi + 3 * L);
                yi += cout;
                a30.intoArray(y, yi);
                a31.intoArray(y, yi + L);
                a32.intoArray(y, yi + 2 * L);
                a33.intoArray(y, yi + 3 * L);
            }
            for (; p < pixels; p++) {
                int x0 = p * cin;
                for (int v = 0; v < 4; v++) {
                    FloatVector acc = FloatVector.zero(S);
                    int fi = ocb + v * L;
                    for (int ci = 0; ci < cin; ci++, fi += cout) {
                        acc = FloatVector.broadcast(S, x[x0 + ci]).fma(FloatVector.fromArray(S, f, fi), acc);
                    }
                    acc.intoArray(y, p * cout + ocb + v * L);
                }
            }
        }
    }

    private static void tile4(float[] x, int[] xoff, int taps, int base, int step, float[] f, int cout, int ocb,
            float[] y, int yi) {
        FloatVector a00 = FloatVector.zero(S);
        FloatVector a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S);
        FloatVector a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S);
        FloatVector a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S);
        FloatVector a31 = FloatVector.zero(S);
        int fi = ocb;
        for (int t = 0; t < taps; t++, fi += cout) {
            int xi = base + xoff[t];
            FloatVector w0 = FloatVector.fromArray(S, f, fi);
            FloatVector w1 = FloatVector.fromArray(S, f, fi + L);
            FloatVector x0 = FloatVector.broadcast(S, x[xi]);
            FloatVector x1 = FloatVector.broadcast(S, x[xi + step]);
            FloatVector x2 = FloatVector.broadcast(S, x[xi + 2 * step]);
            FloatVector x3 = FloatVector.broadcast(S, x[xi + 3 * step]);
            a00 = x0.fma(w0, a00);
            a01 = x0.fma(w1, a01);
            a10 = x1.fma(w0, a10);
            a11 = x1.fma(w1, a11);
            a20 = x2.fma(w0, a20);
            a21 = x2.fma(w1, a21);
            a30 = x3.fma(w0, a30);
            a31 = x3.fma(w1, a31);
        }
        a00.intoArray(y, yi);
        a01.intoArray(y, yi + L);
        a10.intoArray(y, yi + cout);
        a11.intoArray(y, yi + cout + L);
        a20.intoArray(y, yi + 2 * cout);
        a21.intoArray(y, yi + 2 * cout + L);
        a30.intoArray(y, yi + 3 * cout);
        a31.intoArray(y, yi + 3 * cout + L);
    }

    private static void tile1(float[] x, int[] xoff, int taps, int base, float[] f, int cout, int ocb,
            float[] y, int yi) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        int fi = ocb;
        for (int t = 0; t < taps; t++, fi += cout) {
            FloatVector xv = FloatVector.broadcast(S, x[base + xoff[t]]);
            a0 = xv.fma(FloatVector.fromArray(S, f, fi), a0);
            a1 = xv.fma(FloatVector.fromArray(S, f, fi + L), a1);
        }
        a0.intoArray(y, yi);
        a1.intoArray(y, yi + L);
    }

    /**
     * Depthwise VALID convolution (multiplier 1) of a padded input {@code x[hp][wp][c]} with
     * {@code f[kh][kw][c]} into {@code y[oh][ow][c]}: taps in (row, column) order per lane.
     */
    public static void depthwise(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int stride,
            float[] y, int oh, int ow) {
        if (kh != 3 || kw != 3) {
            depthwiseGeneric(x, hp, wp, c, f, kh, kw, stride, y, oh, ow);
            return;
        }
        // 3x3: the nine weight vectors of a channel block stay in registers across all pixels.
        int row = wp * c;
        for (int cb = 0; cb < c; cb += L) {
            FloatVector w00 = FloatVector.fromArray(S, f, cb);
            FloatVector w01 = FloatVector.fromArray(S, f, c + cb);
            FloatVector w02 = FloatVector.fromArray(S, f, 2 * c + cb);
            FloatVector w10 = FloatVector.fromArray(S, f, 3 * c + cb);
            FloatVector w11 = FloatVector.fromArray(S, f, 4 * c + cb);
            FloatVector w12 = FloatVector.fromArray(S, f, 5 * c + cb);
            FloatVector w20 = FloatVector.fromArray(S, f, 6 * c + cb);
            FloatVector w21 = FloatVector.fromArray(S, f, 7 * c + cb);
            FloatVector w22 = FloatVector.fromArray(S, f, 8 * c + cb);
            for (int oy = 0; oy < oh; oy++) {
                int yi = oy * ow * c + cb;
                int xi = oy * stride * row + cb;
                for (int ox = 0; ox < ow; ox++, yi += c, xi += stride * c) {
                    FloatVector acc = FloatVector.fromArray(S, x, xi).fma(w00, FloatVector.zero(S));
                    acc = FloatVector.fromArray(S, x, xi + c).fma(w01, acc);
                    acc = FloatVector.fromArray(S, x, xi + 2 * c).fma(w02, acc);
                    acc = FloatVector.fromArray(S, x, xi + row).fma(w10, acc);
                    acc = FloatVector.fromArray(S, x, xi + row + c).fma(w11, acc);
                    acc = FloatVector.fromArray(S, x, xi + row + 2 * c).fma(w12, acc);
                    acc = FloatVector.fromArray(S, x, xi + 2 * row).fma(w20, acc);
                    acc = FloatVector.fromArray(S, x, xi + 2 * row + c).fma(w21, acc);
                    acc = FloatVector.fromArray(S, x, xi + 2 * row + 2 * c).fma(w22, acc);
                    acc.intoArray(y, yi);
                }
            }
        }
    }

    private static void depthwiseGeneric(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int stride,
            float[] y, int oh, int ow) {
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int yi = (oy * ow + ox) * c;
                int base = (oy * stride * wp + ox * stride) * c;
                for (int cb = 0; cb < c; cb += L) {
                    FloatVector acc = FloatVector.zero(S);
                    for (int ky = 0; ky < kh; ky++) {
                        int xr = base + ky * wp * c + cb;
                        int fr = ky * kw * c + cb;
                        for (int kx = 0; kx < kw; kx++) {
                            FloatVector xv = FloatVector.fromArray(S, x, xr + kx * c);
                            acc = xv.fma(FloatVector.fromArray(S, f, fr + kx * c), acc);
                        }
                    }
                    acc.intoArray(y, yi + cb);
                }
            }
        }
    }

    /**
     * In place: {@code v > max ? max : (v < min ? min : v)} lane-wise (tfjs's clipByValue, which
     * keeps -0.0, unlike max/min).
     */
    public static void clip(float[] y, float min, float max) {
        int i = 0;
        int bound = S.loopBound(y.length);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, i);
            v = v.blend(min, v.compare(jdk.incubator.vector.VectorOperators.LT, min));
            v = v.blend(max, v.compare(jdk.incubator.vector.VectorOperators.GT, max));
            v.intoArray(y, i);
        }
        for (; i < y.length; i++) {
            float v = y[i];
            y[i] = v > max ? max : (v < min ? min : v);
        }
    }
}
