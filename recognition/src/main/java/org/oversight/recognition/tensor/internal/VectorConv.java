package org.oversight.recognition.tensor.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API VALID convolution over a padded image. Register tile: 4 output pixels × 2 vectors of
 * output channels; each lane is one output element, accumulated by lane-wise {@code fma} over the
 * taps t = (ky, kx, c) in ascending order — exactly the scalar order, so the result is
 * bit-identical to {@link ScalarConv} whatever the lane count. No horizontal reductions happen.
 *
 * <p>The taps run in one flat loop over a precomputed offset table (rather than three nested
 * loops) so that JDK 17's C2 keeps the accumulators in registers instead of boxing them.
 */
final class VectorConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int TILE_PIXELS = 4;

    private VectorConv() {}

    static int lanes() {
        return L;
    }

    static boolean supports(int outChannels) {
        return outChannels % (2 * L) == 0;
    }

    static void convValid(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int o, int stride,
            float[] y, int yOff, int oh, int ow) {
        int taps = kh * kw * c;
        int[] xoff = new int[taps];
        for (int ky = 0, t = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ic = 0; ic < c; ic++, t++) {
                    xoff[t] = (ky * wp + kx) * c + ic;
                }
            }
        }
        int step = stride * c;
        for (int ocb = 0; ocb < o; ocb += 2 * L) {
            for (int oy = 0; oy < oh; oy++) {
                int ox = 0;
                for (; ox + TILE_PIXELS <= ow; ox += TILE_PIXELS) {
                    int base = (oy * stride * wp + ox * stride) * c;
                    tile4(x, xoff, taps, base, step, f, o, ocb, y, yOff + (oy * ow + ox) * o + ocb);
                }
                for (; ox < ow; ox++) {
                    int base = (oy * stride * wp + ox * stride) * c;
                    tile1(x, xoff, taps, base, f, o, ocb, y, yOff + (oy * ow + ox) * o + ocb);
                }
            }
        }
    }

    private static void tile4(float[] x, int[] xoff, int taps, int base, int step, float[] f, int o, int ocb,
            float[] y, int yi) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        int fi = ocb;
        for (int t = 0; t < taps; t++, fi += o) {
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
        a10.intoArray(y, yi + o);
        a11.intoArray(y, yi + o + L);
        a20.intoArray(y, yi + 2 * o);
        a21.intoArray(y, yi + 2 * o + L);
        a30.intoArray(y, yi + 3 * o);
        a31.intoArray(y, yi + 3 * o + L);
    }

    private static void tile1(float[] x, int[] xoff, int taps, int base, float[] f, int o, int ocb, float[] y, int yi) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
        int fi = ocb;
        for (int t = 0; t < taps; t++, fi += o) {
            FloatVector xv = FloatVector.broadcast(S, x[base + xoff[t]]);
            a0 = xv.fma(FloatVector.fromArray(S, f, fi), a0);
            a1 = xv.fma(FloatVector.fromArray(S, f, fi + L), a1);
        }
        a0.intoArray(y, yi);
        a1.intoArray(y, yi + L);
    }
}
