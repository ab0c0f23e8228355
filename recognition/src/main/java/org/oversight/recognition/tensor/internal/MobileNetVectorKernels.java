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
}
