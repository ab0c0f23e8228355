package org.oversight.recognition.template;

import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Quantises a descriptor into a {@link FaceTemplate} (docs/format.md §9), in double precision:
 * <ol>
 *   <li>{@code s = sum over i ascending of (double) v_i * (double) v_i}; {@code n = sqrt(s)}
 *       (IEEE correctly rounded);
 *   <li>{@code q_i = clamp(rint(((double) v_i / n) * 256), -127, 127)} — division then an exact
 *       multiplication by the power of two {@value #SCALE}, rounding half to even.
 * </ol>
 * Every step is a correctly rounded IEEE operation, so the template is a pure function of the
 * descriptor's bits.
 */
public final class TemplateQuantiser {
    /** The fixed scale, a power of two: a unit vector's component 1/256 is one quantum. */
    public static final int SCALE = 256;
    /** The clamp bound. */
    public static final int MAX_COMPONENT = 127;

    private TemplateQuantiser() {}

    /**
     * Quantises {@code d}.
     *
     * @throws IllegalArgumentException if {@code d} is all zeros or has a non-finite value (it
     *     cannot be normalised)
     */
    public static FaceTemplate quantise(FaceDescriptor d, ModelId model) {
        double s = 0;
        for (int i = 0; i < FaceDescriptor.DIMENSIONS; i++) {
            double v = d.get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("descriptor component " + i + " is " + v);
            }
            s += v * v;
        }
        if (s == 0) {
            throw new IllegalArgumentException("descriptor is all zeros and cannot be normalised");
        }
        double n = Math.sqrt(s);
        byte[] q = new byte[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < q.length; i++) {
            double r = Math.rint(((double) d.get(i) / n) * SCALE);
            q[i] = (byte) (int) Math.max(-MAX_COMPONENT, Math.min(MAX_COMPONENT, r));
        }
        try {
            return FaceTemplate.of(model, q);
        } catch (TemplateFormatException e) {
            throw new IllegalStateException("quantiser produced an invalid template", e);
        }
    }
}
