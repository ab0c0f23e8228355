package org.oversight.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oversight.domain.testing.FormatDoc;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tools.EmbedTool;

/**
 * Recomputes every {@code golden} block of docs/format.md §9 from the code; any difference fails.
 * See {@link FormatDoc} for rewriting them after a deliberate change.
 */
class FormatDocGoldenTest {
    @Test
    void section9GoldenBlocksMatchTheCode() throws Exception {
        ModelId model = AssetCache.openOrFetch().loadModel(FaceApiModel.FACE_RECOGNITION).id();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("recognition-model-id", "face_recognition_model " + model.hex() + "\n");
        expected.put("aligned-crop-digest", "sha256 " + EmbedTool.syntheticCrop().digest().hex() + "\n");
        FaceTemplate a = TemplateQuantiser.quantise(exampleDescriptor(37, 101, 50), model);
        FaceTemplate b = TemplateQuantiser.quantise(exampleDescriptor(59, 97, 48), model);
        expected.put("template-example", "template " + a + "\n");
        int score = MatchScore.squaredDistance(a, b);
        expected.put("score-example", "template_b " + b + "\nscore " + score + "\nmatch at default threshold ("
                + MatchThreshold.DEFAULT.maxScore() + "): " + MatchThreshold.DEFAULT.matches(score) + "\n");
        // §9.1–9.6 only: §9.7 (align-*, detect-*) is checked by align.AlignmentFormatDocTest and
        // §9.8 (projection-example) by projection.ProjectionFormatDocTest.
        String section9 = FormatDoc.sections("9", "10");
        List<String> failures = FormatDoc.differences(section9.substring(0, section9.indexOf("\n### 9.7 ")), expected);
        assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    }

    /** {@code v_i = ((i * mul) mod m - sub) / 512}, exact in float32. */
    static FaceDescriptor exampleDescriptor(int mul, int m, int sub) {
        float[] v = new float[128];
        for (int i = 0; i < 128; i++) {
            v[i] = ((i * mul) % m - sub) / 512f;
        }
        return FaceDescriptor.of(v);
    }
}
