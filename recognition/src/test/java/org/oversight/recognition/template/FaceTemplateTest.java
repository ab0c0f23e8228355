package org.oversight.recognition.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.tfjs.ModelId;

class FaceTemplateTest {
    private static final ModelId MODEL = ModelId.of(new byte[32]);

    @Test
    void quantisationIsNormaliseScaleRoundHalfEvenClamp() {
        float[] v = new float[128];
        v[0] = 3f;
        v[1] = 4f; // norm 5: components 0.6 and 0.8 -> 153.6 -> 154 and 204.8 -> clamp 127
        FaceTemplate t = TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL);
        assertThat(t.component(0)).isEqualTo(127);
        assertThat(t.component(1)).isEqualTo(127);
        float[] w = new float[128];
        Arrays.fill(w, 1f); // each component 1/sqrt(128) * 256 = 22.627 -> 23
        w[5] = -1f;
        FaceTemplate u = TemplateQuantiser.quantise(FaceDescriptor.of(w), MODEL);
        assertThat(u.component(0)).isEqualTo(23);
        assertThat(u.component(5)).isEqualTo(-23);
    }

    @Test
    void roundsHalfToEven() {
        // squares sum to 65536 exactly, so the norm is exactly 256 and q_i = rint(v_i)
        float[] v = new float[128];
        v[0] = 2.5f;
        v[1] = 255.5f;
        v[2] = 15.5f;
        v[3] = -2.5f;
        v[4] = 1f;
        v[5] = 1f;
        v[6] = 1f;
        FaceTemplate t = TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL);
        assertThat(new int[] {t.component(0), t.component(1), t.component(2), t.component(3), t.component(4)})
                .containsExactly(2, 127, 16, -2, 1);
    }

    @Test
    void encodingRoundTripsAndRejectsBadInput() throws Exception {
        byte[] comps = new byte[128];
        comps[3] = -127;
        comps[127] = 127;
        FaceTemplate t = FaceTemplate.of(MODEL, comps);
        byte[] enc = t.encode();
        assertThat(enc).hasSize(161);
        assertThat(enc[0]).isEqualTo((byte) 1);
        assertThat(FaceTemplate.parse(enc)).isEqualTo(t);
        enc[0] = 2;
        assertThatThrownBy(() -> FaceTemplate.parse(enc)).isInstanceOf(TemplateFormatException.class).hasMessageContaining("version 2 != 1");
        comps[9] = -128;
        assertThatThrownBy(() -> FaceTemplate.of(MODEL, comps)).isInstanceOf(TemplateFormatException.class).hasMessageContaining("component 9 is -128");
        assertThatThrownBy(() -> FaceTemplate.parse(new byte[160])).hasMessageContaining("160 bytes != 161");
    }

    @Test
    void parserAcceptsOnlyWellFormedTemplates() {
        qt().withExamples(300).withFixedSeed(1501L)
                .forAll(lists().of(integers().between(-128, 127)).ofSizeBetween(150, 170))
                .checkAssert(values -> {
                    byte[] junk = bytes(values);
                    try {
                        FaceTemplate t = FaceTemplate.parse(junk);
                        assertThat(t.encode()).isEqualTo(junk);
                    } catch (TemplateFormatException expected) {
                        // the only permitted failure
                    }
                });
    }

    @Test
    void quantisedComponentsStayInRange() {
        qt().withExamples(200).withFixedSeed(1502L)
                .forAll(longs().all())
                .checkAssert(seed -> {
                    float[] v = randomDescriptor(new Random(seed));
                    boolean finite = true;
                    boolean nonZero = false;
                    for (float f : v) {
                        finite &= Float.isFinite(f) && Math.abs(f) < 1e18f;
                        nonZero |= f != 0;
                    }
                    if (!finite || !nonZero) {
                        return;
                    }
                    FaceTemplate t = TemplateQuantiser.quantise(FaceDescriptor.of(v), MODEL);
                    for (int i = 0; i < 128; i++) {
                        assertThat(t.component(i)).isBetween(-127, 127);
                    }
                });
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).byteValue();
        }
        return out;
    }

    /** Mixes ordinary magnitudes, extremes, zeros and raw bit patterns (incl. NaN and infinities). */
    private static float[] randomDescriptor(Random random) {
        float[] v = new float[128];
        int style = random.nextInt(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (style) {
                case 0 -> (float) random.nextGaussian() * 0.1f;
                case 1 -> (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> random.nextInt(8) == 0 ? 0f : (float) random.nextGaussian();
                default -> Float.intBitsToFloat(random.nextInt());
            };
        }
        return v;
    }
}
