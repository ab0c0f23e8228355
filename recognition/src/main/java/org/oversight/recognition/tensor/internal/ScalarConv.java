package org.oversight.recognition.tensor.internal;

import java.util.Arrays;

/** Plain-Java VALID convolution over a padded image; per element {@code acc = fma(x, w, acc)} over (ky, kx, c) ascending. */
final class ScalarConv {
    private ScalarConv() {}

    static void convValid(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int o, int stride,
            float[] y, int yOff, int oh, int ow) {
        float[] acc = new float[o];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                Arrays.fill(acc, 0f);
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int xBase = ((oy * stride + ky) * wp + ox * stride + kx) * c;
                        int fBase = (ky * kw + kx) * c * o;
                        for (int ic = 0; ic < c; ic++) {
                            float xv = x[xBase + ic];
                            int fRow = fBase + ic * o;
                            for (int k = 0; k < o; k++) {
                                acc[k] = Math.fma(xv, f[fRow + k], acc[k]);
                            }
                        }
                    }
                }
                System.arraycopy(acc, 0, y, yOff + (oy * ow + ox) * o, o);
            }
        }
    }
}
