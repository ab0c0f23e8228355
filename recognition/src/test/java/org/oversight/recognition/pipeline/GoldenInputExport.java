package org.oversight.recognition.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;

/**
 * Not a check but a tool: writes every pinned photo, decoded by {@link JpegDecoder}, as a binary
 * PPM (P6) into {@code -Doversight.golden.export=<dir>}, so that
 * {@code recognition/scripts/golden/detect-golden.mjs} runs face-api on exactly the pixels the
 * Java pipeline sees. See {@code scripts/golden/README.md}.
 */
class GoldenInputExport {
    @Test
    void exportDecodedPhotos() throws Exception {
        String dir = System.getProperty("oversight.golden.export");
        assumeTrue(dir != null && !dir.isBlank(),
                "export tool only: set -Doversight.golden.export=<dir> to write decoded photos as PPM");
        AssetCache cache = AssetCache.openOrFetch();
        Path out = Paths.get(dir);
        Files.createDirectories(out);
        int n = 0;
        for (String name : cache.photoNames()) {
            RgbImage img = JpegDecoder.decode(cache.readPhoto(name));
            ByteArrayOutputStream ppm = new ByteArrayOutputStream();
            ppm.write(("P6\n" + img.width() + " " + img.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            ppm.write(img.rgb());
            Files.write(out.resolve(name.replaceFirst("\\.jpg$", ".ppm")), ppm.toByteArray());
            n++;
        }
        assertThat(n).isEqualTo(cache.photoNames().size());
    }
}
