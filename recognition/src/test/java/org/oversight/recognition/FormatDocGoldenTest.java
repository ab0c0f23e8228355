package org.oversight.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.match.MatchScore;
import org.oversight.recognition.match.MatchThreshold;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantizer;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tools.EmbedTool;

/** Recomputes every {@code golden} block of docs/format.md §9 from the code; any difference fails. */
class FormatDocGoldenTest {
    @Test
    void section9GoldenBlocksMatchTheCode() throws Exception {
        Map<String, String> blocks = section9Blocks();
        ModelId model = AssetCache.openOrFetch().loadModel(FaceApiModel.FACE_RECOGNITION).id();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("recognition-model-id", "face_recognition_model " + model.hex() + "\n");
        expected.put("aligned-crop-digest", "sha256 " + EmbedTool.syntheticCrop().digest().hex() + "\n");
        FaceTemplate a = TemplateQuantizer.quantize(exampleDescriptor(37, 101, 50), model);
        FaceTemplate b = TemplateQuantizer.quantize(exampleDescriptor(59, 97, 48), model);
        expected.put("template-example", "template " + a + "\n");
        int score = MatchScore.squaredDistance(a, b);
        expected.put("score-example", "template_b " + b + "\nscore " + score + "\nmatch at default threshold ("
                + MatchThreshold.DEFAULT.maxScore() + "): " + MatchThreshold.DEFAULT.matches(score) + "\n");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String actual = blocks.get(e.getKey());
            if (!e.getValue().equals(actual)) {
                failures.add("golden " + e.getKey() + ": doc has\n" + actual + "code gives\n" + e.getValue());
            }
        }
        // align-* and detect-* blocks (§9.7) are checked by align.AlignmentFormatDocTest,
        // projection-example (§9.8) by projection.ProjectionFormatDocTest.
        assertThat(blocks.keySet().stream().filter(k -> !k.startsWith("align-") && !k.startsWith("detect-")
                        && !k.equals("projection-example")))
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(failures).isEmpty();
    }

    /** {@code v_i = ((i * mul) mod m - sub) / 512}, exact in float32. */
    static FaceDescriptor exampleDescriptor(int mul, int m, int sub) {
        float[] v = new float[128];
        for (int i = 0; i < 128; i++) {
            v[i] = ((i * mul) % m - sub) / 512f;
        }
        return FaceDescriptor.of(v);
    }

    private static Map<String, String> section9Blocks() throws Exception {
        Path doc = null;
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("docs/format.md"))) {
                doc = d.resolve("docs/format.md");
                break;
            }
        }
        assertThat(doc).as("docs/format.md above the working directory").isNotNull();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf("\n## 9.");
        int end = text.indexOf("\n## ", start + 1);
        String section = text.substring(start, end < 0 ? text.length() : end);
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher m = Pattern.compile("```golden ([a-z0-9-]+)\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.put(m.group(1), m.group(2));
        }
        return blocks;
    }
}
