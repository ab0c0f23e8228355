package org.oversight.recognition.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OpsTest {
    private static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /** Brute force in double over an explicitly zero-padded input: an independent definition. */
    private static double convRef(Tensor x, Tensor f, int sh, int sw, int pt, int pl, int oy, int ox, int o) {
        double s = 0;
        for (int ky = 0; ky < f.dim(0); ky++) {
            for (int kx = 0; kx < f.dim(1); kx++) {
                int iy = oy * sh - pt + ky, ix = ox * sw - pl + kx;
                if (iy < 0 || ix < 0 || iy >= x.dim(1) || ix >= x.dim(2)) {
                    continue;
                }
                for (int c = 0; c < x.dim(3); c++) {
                    s += (double) x.get(0, iy, ix, c) * f.get(ky, kx, c, o);
                }
            }
        }
        return s;
    }

    @Test
    void conv2dMatchesBruteForceForSameAndValidPadding() {
        Random r = new Random(1);
        Tensor x = random(r, 1, 9, 8, 3);
        Tensor f = random(r, 3, 3, 3, 5);
        for (Padding p : Padding.values()) {
            for (int s = 1; s <= 2; s++) {
                Tensor y = Ops.conv2d(x, f, s, s, p);
                int pt = p.padBefore(9, 3, s), pl = p.padBefore(8, 3, s);
                assertThat(y.dim(1)).isEqualTo(p.outputSize(9, 3, s));
                for (int oy = 0; oy < y.dim(1); oy++) {
                    for (int ox = 0; ox < y.dim(2); ox++) {
                        for (int o = 0; o < 5; o++) {
                            assertThat((double) y.get(0, oy, ox, o))
                                    .isCloseTo(convRef(x, f, s, s, pt, pl, oy, ox, o), org.assertj.core.data.Offset.offset(1e-4));
                        }
                    }
                }
            }
        }
    }

    @Test
    void tensorflowSamePaddingPutsTheOddPixelAfter() {
        assertThat(Padding.SAME.outputSize(8, 3, 2)).isEqualTo(4);
        assertThat(Padding.SAME.padBefore(8, 3, 2)).isEqualTo(0); // total 1: 0 before, 1 after
        assertThat(Padding.SAME.padBefore(9, 3, 1)).isEqualTo(1);
        assertThat(Padding.VALID.outputSize(150, 7, 2)).isEqualTo(72);
    }

    @Test
    void poolingAndMean() {
        Tensor x = Tensor.wrap(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 3, 3, 1);
        assertThat(Ops.maxPool(x, 2, 1, Padding.VALID).data()).containsExactly(5, 6, 8, 9);
        assertThat(Ops.avgPool(x, 2, 2, Padding.VALID).data()).containsExactly(3f);
        assertThat(Ops.avgPool(x, 2, 2, Padding.SAME).data()).containsExactly(3f, 4.5f, 7.5f, 9f);
        assertThat(Ops.meanSpatial(x).data()).containsExactly(5f);
        assertThat(Ops.padEnd(Tensor.wrap(new float[] {1, 2}, 1, 1, 1, 2), 1, 0, 1).data())
                .containsExactly(1, 2, 0, 0, 0, 0);
    }

    @Test
    void depthwiseAndMatMul() {
        Tensor x = Tensor.wrap(new float[] {1, 10, 2, 20}, 1, 1, 2, 2);
        Tensor f = Tensor.wrap(new float[] {1, 1, 3, 3}, 1, 2, 2, 1); // [kh=1,kw=2,c=2,m=1]
        assertThat(Ops.depthwiseConv2d(x, f, 1, 1, Padding.VALID).data()).containsExactly(1 + 6f, 10 + 60f);
        Tensor a = Tensor.wrap(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor b = Tensor.wrap(new float[] {5, 6, 7, 8}, 2, 2);
        assertThat(Ops.matMul(a, b).data()).containsExactly(19, 22, 43, 50);
    }

    @Test
    void preconditionsNameTheValues() {
        assertThatThrownBy(() -> Ops.conv2d(Tensor.zeros(1, 3, 3, 2), Tensor.zeros(1, 1, 3, 1), 1, 1, Padding.SAME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filter input channels 3 != input channels 2");
        assertThatThrownBy(() -> Tensor.wrap(new float[3], 2, 2))
                .hasMessageContaining("has 4 elements != data length 3");
        assertThat(Ops.relu(-0.0f)).isEqualTo(0.0f);
        assertThat(Float.floatToRawIntBits(Ops.relu(-0.0f))).isZero();
    }
}
