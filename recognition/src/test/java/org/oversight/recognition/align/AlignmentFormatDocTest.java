package org.oversight.recognition.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.detect.FaceBox;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.image.PixelRect;
import org.oversight.recognition.image.RgbImage;

/**
 * Recomputes the golden blocks of docs/format.md §9.7 ({@code golden align-*},
 * {@code golden detect-*}) from the code; any difference fails.
 */
class AlignmentFormatDocTest {
    private static final Pattern BLOCK = Pattern.compile("```golden ((?:align|detect)-[a-z0-9-]+)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void goldenBlocksMatchTheCode() throws Exception {
        Map<String, String> blocks = readBlocks();
        assertThat(blocks).containsOnlyKeys("align-crop-example", "detect-integers-example");
        assertThat(blocks.get("align-crop-example")).isEqualTo(cropExample());
        assertThat(blocks.get("detect-integers-example")).isEqualTo(integersExample());
    }

    static String cropExample() {
        int w = 5;
        int h = 3;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * w + x) * 3 + c] = (byte) ((37 * x + 59 * y + 101 * c) % 256);
                }
            }
        }
        AlignedFace crop = FaceAligner.crop(RgbImage.of(w, h, rgb), new PixelRect(1, 0, 4, 3));
        byte[] b = crop.rgb();
        StringBuilder row0 = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            row0.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        int last = (149 * 150 + 149) * 3;
        return "image: 5x3, sample(x, y, c) = (37*x + 59*y + 101*c) mod 256\n"
                + "region: x=1 y=0 width=4 height=3\n"
                + "square: 4x4 (1 zero row after)\n"
                + "crop row 0, pixels 0..3: " + row0 + "\n"
                + String.format("crop pixel (149, 149): %02x %02x %02x%n", b[last] & 0xff, b[last + 1] & 0xff,
                        b[last + 2] & 0xff)
                + "crop sha256: " + crop.digest().hex() + "\n";
    }

    static String integersExample() {
        FaceBox box = new FaceBox(150.9938836097717, 172.433660030365, 258.4089732170105, 286.11541986465454);
        long[] m = box.toMilli();
        float score = Float.intBitsToFloat(0x3f7fe6a4);
        FaceDetection d = new FaceDetection(score, box, 0);
        return "box x=" + box.x() + " y=" + box.y() + " width=" + box.width() + " height=" + box.height() + "\n"
                + "box milli: " + m[0] + " " + m[1] + " " + m[2] + " " + m[3] + "\n"
                + "score float32 0x" + Integer.toHexString(Float.floatToRawIntBits(score)) + " = " + score + "\n"
                + "score micros: " + d.scoreMicros() + "\n";
    }

    private static Map<String, String> readBlocks() throws Exception {
        String doc = Files.readString(findFormatDoc(), StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static Path findFormatDoc() {
        for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("docs/format.md");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("docs/format.md not found above " + Paths.get("").toAbsolutePath());
    }
}
