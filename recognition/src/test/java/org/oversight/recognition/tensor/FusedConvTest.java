package org.oversight.recognition.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link FusedConv} must be bit-identical to the reference composition of {@link Ops}, for every shape and activation. */
class FusedConvTest {
    private static Tensor random(Random r, float scale, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) r.nextGaussian() * scale;
        }
        return t;
    }

    private static Tensor reference(Tensor x, Tensor f, int s, Padding p, Tensor bias, Tensor mul, Tensor add,
            FusedConv.Activation act) {
        Tensor y = Ops.conv2d(x, f, s, s, p);
        if (bias != null) {
            y = Ops.addChannels(y, bias);
        }
        if (mul != null) {
            y = Ops.mulChannels(y, mul);
        }
        if (add != null) {
            y = Ops.addChannels(y, add);
        }
        return switch (act) {
            case NONE -> y;
            case RELU -> Ops.relu(y);
            case RELU6 -> Ops.relu6(y);
        };
    }

    @Test
    void bitIdenticalToTheReferenceForAllShapesPaddingsAndActivations() {
        Random r = new Random(5);
        int checked = 0;
        for (int size = 1; size <= 9; size++) {
            for (int o : new int[] {8, 32, 64, 48}) {
                for (int k : new int[] {1, 3}) {
                    for (Padding p : Padding.values()) {
                        for (int s = 1; s <= 2; s++) {
                            if (p == Padding.VALID && size < k) {
                                continue;
                            }
                            int c = 1 + r.nextInt(20);
                            Tensor x = random(r, 1, 1 + (size % 2), size, size + 1, c);
                            Tensor f = random(r, 1, k, k, c, o);
                            Tensor bias = r.nextBoolean() ? random(r, 1, o) : null;
                            Tensor mul = r.nextBoolean() ? random(r, 3, o) : null;
                            Tensor add = r.nextBoolean() ? random(r, 1, o) : null;
                            for (FusedConv.Activation act : FusedConv.Activation.values()) {
                                Tensor fast = FusedConv.conv2d(x, f, s, p, bias, mul, add, act);
                                Tensor ref = reference(x, f, s, p, bias, mul, add, act);
                                assertThat(fast.bitEquals(ref))
                                        .as("size %d, c %d, o %d, k %d, %s, stride %d, %s", size, c, o, k, p, s, act)
                                        .isTrue();
                                checked++;
                            }
                        }
                    }
                }
            }
        }
        System.out.println("FusedConv checked against reference in " + checked + " configurations, kernel "
                + FusedConv.implementation());
    }
}
