package org.oversight.recognition.tensor.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
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

    /** The fused per-channel epilogue, applied to the accumulators before they are stored. */
    record Epilogue(float[] bias, float[] mul, float[] add, int act) {
        FloatVector apply(FloatVector v, int ch) {
            if (bias != null) {
                v = v.add(FloatVector.fromArray(S, bias, ch));
            }
            if (mul != null) {
                v = v.mul(FloatVector.fromArray(S, mul, ch));
            }
            if (add != null) {
                v = v.add(FloatVector.fromArray(S, add, ch));
            }
            if (act != ConvKernels.ACT_NONE) {
                // Same as the scalar v > 0 ? v : (NaN ? v : +0): "v <= 0" is false for NaN.
                v = v.blend(0f, v.compare(VectorOperators.LE, 0f));
                if (act == ConvKernels.ACT_RELU6) {
                    v = v.blend(6f, v.compare(VectorOperators.GT, 6f));
                }
            }
            return v;
        }
    }

    static void convValid(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int o, int stride,
            float[] y, int yOff, int oh, int ow, Epilogue e) {
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
                if (ow < TILE_PIXELS) {
                    for (int ox = 0; ox < ow; ox++) {
                        int base = (oy * stride * wp + ox * stride) * c;
                        tile1(x, xoff, taps, base, f, o, ocb, y, yOff + (oy * ow + ox) * o + ocb, e);
                    }
                    continue;
                }
                for (int ox0 = 0; ox0 < ow; ox0 += TILE_PIXELS) {
                    // The last tile is shifted left to end at the row's end; the pixels it shares
                    // with the previous tile are recomputed identically and simply rewritten.
                    int ox = Math.min(ox0, ow - TILE_PIXELS);
                    int base = (oy * stride * wp + ox * stride) * c;
                    tile4(x, xoff, taps, base, step, f, o, ocb, y, yOff + (oy * ow + ox) * o + ocb, e);
                }
            }
        }
    }

    private static void tile4(float[] x, int[] xoff, int taps, int base, int step, float[] f, int o, int ocb,
            float[] y, int yi, Epilogue e) {
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
        e.apply(a00, ocb).intoArray(y, yi);
        e.apply(a01, ocb + L).intoArray(y, yi + L);
        e.apply(a10, ocb).intoArray(y, yi + o);
        e.apply(a11, ocb + L).intoArray(y, yi + o + L);
        e.apply(a20, ocb).intoArray(y, yi + 2 * o);
        e.apply(a21, ocb + L).intoArray(y, yi + 2 * o + L);
        e.apply(a30, ocb).intoArray(y, yi + 3 * o);
        e.apply(a31, ocb + L).intoArray(y, yi + 3 * o + L);
    }

    private static void tile1(float[] x, int[] xoff, int taps, int base, float[] f, int o, int ocb, float[] y, int yi,
            Epilogue e) {
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S);
        int fi = ocb;
        for (int t = 0; t < taps; t++, fi += o) {
            FloatVector xv = FloatVector.broadcast(S, x[base + xoff[t]]);
            a0 = xv.fma(FloatVector.fromArray(S, f, fi), a0);
            a1 = xv.fma(FloatVector.fromArray(S, f, fi + L), a1);
        }
        e.apply(a0, ocb).intoArray(y, yi);
        e.apply(a1, ocb + L).intoArray(y, yi + L);
    }
}
