package org.oversight.recognition.tensor.internal;

/**
 * Dispatches VALID convolutions over an explicitly padded NHWC image to the Vector API kernel
 * when the incubator module is present, else to the scalar kernel; both are bit-identical.
 */
public final class ConvKernels {
    public static final int ACT_NONE = 0;
    public static final int ACT_RELU = 1;
    public static final int ACT_RELU6 = 2;

    private static final boolean VECTOR = vectorAvailable();

    private ConvKernels() {}

    private static boolean vectorAvailable() {
        if (Boolean.getBoolean("oversight.recognition.scalar")) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    public static String implementation() {
        return VECTOR ? "vector(" + VectorConv.lanes() + " lanes)" : "scalar";
    }

    public static void convValid(float[] x, int hp, int wp, int c, float[] f, int kh, int kw, int o, int stride,
            float[] y, int yOff, int oh, int ow, float[] bias, float[] mul, float[] add, int act) {
        if (VECTOR && VectorConv.supports(o)) {
            VectorConv.convValid(x, hp, wp, c, f, kh, kw, o, stride, y, yOff, oh, ow,
                    new VectorConv.Epilogue(bias, mul, add, act));
        } else {
            ScalarConv.convValid(x, hp, wp, c, f, kh, kw, o, stride, y, yOff, oh, ow);
            epilogue(y, yOff, oh * ow, o, bias, mul, add, act);
        }
    }

    /** {@code act(((v + bias) * mul) + add)} per element, one rounding per step. */
    static void epilogue(float[] y, int off, int pixels, int o, float[] bias, float[] mul, float[] add, int act) {
        if (bias == null && mul == null && add == null && act == ACT_NONE) {
            return;
        }
        for (int p = 0; p < pixels; p++) {
            int base = off + p * o;
            for (int k = 0; k < o; k++) {
                float v = y[base + k];
                if (bias != null) {
                    v = v + bias[k];
                }
                if (mul != null) {
                    v = v * mul[k];
                }
                if (add != null) {
                    v = v + add[k];
                }
                if (act != ACT_NONE) {
                    v = v > 0f ? v : (v != v ? v : 0f);
                    if (act == ACT_RELU6 && v > 6f) {
                        v = 6f;
                    }
                }
                y[base + k] = v;
            }
        }
    }
}
