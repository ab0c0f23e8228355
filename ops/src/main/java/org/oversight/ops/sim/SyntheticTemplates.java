package org.oversight.ops.sim;

import java.util.Random;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.event.Template;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;

/**
 * Synthetic version-1 int8 templates (docs/format.md §9.4) carrying the real model's id (§9.1), so
 * the ledger's engine compares them exactly as it would compare real faces' templates.
 *
 * <p>Watchlist entry {@code k} is the quantised Gaussian descriptor drawn from
 * {@code Random(seed, k)}; a probe "near" entry {@code k} is that descriptor plus Gaussian noise of
 * relative size {@link #NEAR_NOISE} (quantised squared distance ≈ 650, well under the policy
 * threshold {@link #THRESHOLD}); an unrelated probe is an independent draw (squared distance ≈ 2 ×
 * 256², far above it). Deterministic in the seed and the indices; used only by the simulator,
 * never by anything the verifier replays.
 */
public final class SyntheticTemplates {
    /** The policy's model id string. */
    public static final String MODEL = "face-api/face_recognition_model@1.7.15";
    /** The 32-byte id of that model's weights, as computed in docs/format.md §9.1 (golden recognition-model-id). */
    public static final String MODEL_ID_HEX = "31a877f8ab79494f616cbb74e06d030afe9a8b67f716b57a59d4378744a81f92";
    /** Squared-distance threshold for the simulator's policy (relative distance ≈ 0.28). */
    public static final long THRESHOLD = 5200;
    /** Ceiling the policy allows for the threshold. */
    public static final long MAX_THRESHOLD = 9216;
    /** Per-component noise of a near probe, relative to a component's standard deviation. */
    public static final double NEAR_NOISE = 0.1;

    private static final ModelId MODEL_ID = modelId();
    private final long seed;

    public SyntheticTemplates(long seed) {
        this.seed = seed;
    }

    /** The template of watchlist entry {@code k}. */
    public Template entry(int k) {
        return wire(quantise(entryDescriptor(k)));
    }

    /** A probe near entry {@code k}; {@code sample} varies the noise. */
    public Template near(int k, long sample) {
        float[] v = entryDescriptor(k);
        Random r = new Random(mix(seed ^ 0x6e656172L, k, sample));
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (NEAR_NOISE * r.nextGaussian());
        }
        return wire(quantise(v));
    }

    /** A probe of nobody on the watchlist (with overwhelming probability). */
    public Template unrelated(long sample) {
        return wire(quantise(gaussian(new Random(mix(seed ^ 0x756e72656cL, -1, sample)))));
    }

    private float[] entryDescriptor(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("entry index " + k + " < 0");
        }
        return gaussian(new Random(mix(seed, k, 0)));
    }

    private static float[] gaussian(Random r) {
        float[] v = new float[FaceDescriptor.DIMENSIONS];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static FaceTemplate quantise(float[] v) {
        return TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL_ID);
    }

    static Template wire(FaceTemplate t) {
        return Template.of(t.encode(), FaceTemplate.VERSION, MODEL);
    }

    private static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }

    private static ModelId modelId() {
        try {
            return ModelId.fromHex(MODEL_ID_HEX);
        } catch (Hex.MalformedHexException e) {
            throw new IllegalStateException(e);
        }
    }
}
