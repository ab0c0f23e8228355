package org.oversight.recognition.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MobileNetKernelsTest {
    private static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    private static void assertBitEqual(String id, float[] a, float[] b, List<String> failures) {
        if (a.length != b.length) {
            failures.add(id + ": lengths " + a.length + " != " + b.length);
            return;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                failures.add(id + ": element " + i + " " + a[i] + " != " + b[i]);
                return;
            }
        }
    }

    @Test
    void vectorKernelsAreBitIdenticalToTheScalarReferences() {
        Random r = new Random(20261127);
        List<String> failures = new ArrayList<>();
        int[][] shapes = {{7, 9, 3, 32, 3, 2}, {8, 8, 16, 32, 3, 1}, {5, 6, 64, 64, 1, 1}, {9, 7, 32, 128, 3, 2},
            {4, 4, 128, 256, 1, 2}, {1, 1, 64, 64, 3, 2}, {13, 11, 3, 64, 3, 1}, {6, 5, 32, 24, 1, 1},
            {3, 3, 64, 18, 1, 1}, {9, 9, 16, 9, 3, 2}, {7, 6, 32, 128, 1, 1}};
        for (int[] s : shapes) {
            int h = s[0], w = s[1], cin = s[2], cout = s[3], k = s[4], stride = s[5];
            float[] x = random(r, h * w * cin);
            float[] f = random(r, k * k * cin * cout);
            String id = "conv " + java.util.Arrays.toString(s);
            assertBitEqual(id, MobileNetKernels.conv2dSame(x, h, w, cin, f, k, k, cout, stride),
                    MobileNetKernels.conv2dSameScalar(x, h, w, cin, f, k, k, cout, stride), failures);
            float[] d = random(r, 9 * cin);
            assertBitEqual("depthwise " + java.util.Arrays.toString(s),
                    MobileNetKernels.depthwiseSame(x, h, w, cin, d, 3, 3, stride),
                    MobileNetKernels.depthwiseSameScalar(x, h, w, cin, d, 3, 3, stride), failures);
        }
        float[] c = random(r, 1000);
        c[3] = -0.0f;
        c[7] = Float.NEGATIVE_INFINITY;
        float[] scalar = c.clone();
        for (int i = 0; i < scalar.length; i++) {
            float v = scalar[i];
            scalar[i] = v > 0.5f ? 0.5f : (v < -0.0f ? -0.0f : v);
        }
        MobileNetKernels.clip(c, -0.0f, 0.5f);
        assertBitEqual("clip", c, scalar, failures);
        assertThat(failures).isEmpty();
    }

    @Test
    void sameConvolutionSkipsPaddingLikeTensorFlow() {
        // 2x2 input, 3x3 all-ones filter, stride 2: TF pads 0 before and 1 after, so the single
        // output sums the four inputs (1 + 2 + 3 + 4).
        float[] y = MobileNetKernels.conv2dSameScalar(new float[] {1, 2, 3, 4}, 2, 2, 1,
                new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, 3, 3, 1, 2);
        assertThat(y).containsExactly(10f);
        // stride 1: output (0,0) sees the 2x2 block at offset (-1,-1)..(1,1) = all four inputs.
        float[] y1 = MobileNetKernels.conv2dSameScalar(new float[] {1, 2, 3, 4}, 2, 2, 1,
                new float[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, 3, 3, 1, 1);
        assertThat(y1).containsExactly(1f, 2f, 3f, 4f);
    }

    @Test
    void accumulationIsASequenceOfCorrectlyRoundedFmas() {
        // tfjs adds the exact (double) product to the float32 sum and rounds once; with
        // a = 1 + 2^-12, -1 + a*a is 2^-11 + 2^-24 exactly, which separate rounding of a*a loses.
        float a = 1f + 0x1p-12f;
        float fused = Math.fma(a, a, -1f);
        float separate = -1f + a * a;
        assertThat(fused).isNotEqualTo(separate);
        float[] x = {1f, a};
        float[] w = {-1f, a};
        assertThat(MobileNetKernels.pointwiseScalar(x, 1, 2, w, 1)[0]).isEqualTo(fused);
        float[] x16 = new float[2 * 16];
        float[] w16 = new float[2 * 32];
        x16[0] = 1f;
        x16[1] = a;
        w16[0] = -1f;
        w16[32] = a;
        assertThat(MobileNetKernels.pointwise(x16, 16, 2, w16, 32)[0]).isEqualTo(fused);
    }

    @Test
    void batchNormFollowsTfjsFormula() {
        float[] y = {2f, -1f};
        MobileNetKernels.batchNorm(y, new float[] {1f, 0f}, new float[] {3f, 1f}, new float[] {0.5f, 0f},
                new float[] {2f, 1f}, 1e-3);
        assertThat(y[0]).isEqualTo((float) (0.5 + (2.0 - 1.0) * 2.0 / Math.sqrt(3.0 + 1e-3)));
        assertThat(y[1]).isEqualTo((float) (0.0 + (-1.0 - 0.0) * 1.0 / Math.sqrt(1.0 + 1e-3)));
    }

    @Test
    void rejectsMismatchedLengthsNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> MobileNetKernels.pointwise(new float[5], 2, 3, new float[6], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input length 5 != expected 6");
    }
}
