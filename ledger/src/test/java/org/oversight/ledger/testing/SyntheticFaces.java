package org.oversight.ledger.testing;

import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.oversight.domain.event.Template;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Real int8 templates from synthetic descriptors, for service tests that exercise matching without
 * face photos, and a bounded wait for asynchronous effects (the engine's worker, checkpoints).
 */
public final class SyntheticFaces {
    /** The policy's model id string used by these tests. */
    public static final String MODEL = "face-api/face_recognition_model@1.7.15";
    /** A fixed 32-byte model id embedded in the templates. */
    public static final ModelId MODEL_ID = ModelId.of(filled(ModelId.LENGTH, 0x31));

    private SyntheticFaces() {}

    /** A quantised synthetic descriptor {@code v_i = ((mul i) mod m − sub) / 512}, plus {@code bump} on v_0. */
    public static FaceTemplate quantised(int mul, int m, int sub, float bump) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * mul) % m - sub) / 512f;
        }
        v[0] += bump;
        return TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL_ID);
    }

    /** The template as carried in events (format 1, {@link #MODEL}). */
    public static Template wire(FaceTemplate t) {
        return Template.of(t.encode(), 1, MODEL);
    }

    /** Waits up to 20 s for {@code condition}; fails naming {@code what} otherwise. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(25);
        }
    }

    private static byte[] filled(int n, int b) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }
}
