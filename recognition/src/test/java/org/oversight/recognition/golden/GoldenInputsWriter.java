package org.oversight.recognition.golden;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.testing.PhotoSet;
import org.oversight.recognition.testing.RgbImage;

/**
 * Not a check but the Java half of regenerating the golden files (scripts/golden/regenerate.sh):
 * writes decoded photos or canonical crops as raw RGB for the Node scripts. Runs only when asked
 * for with {@code -Doversight.golden.images=<dir>} or {@code -Doversight.golden.crops=<dir>}.
 */
class GoldenInputsWriter {
    @Test
    void writeDecodedPhotos() throws Exception {
        Path dir = requested("oversight.golden.images");
        AssetCache cache = AssetCache.openOrFetch();
        StringBuilder index = new StringBuilder();
        for (String name : cache.photoNames()) {
            RgbImage img = RgbImage.decode(cache.readPhoto(name));
            Files.write(dir.resolve(name + ".rgb"), img.bytes());
            index.append(name).append('\t').append(img.width).append('\t').append(img.height).append('\n');
        }
        Files.writeString(dir.resolve("images.tsv"), index.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void writeCrops() throws Exception {
        Path dir = requested("oversight.golden.crops");
        AssetCache cache = AssetCache.openOrFetch();
        StringBuilder index = new StringBuilder();
        for (PhotoSet.Photo p : PhotoSet.load()) {
            AlignedCrop crop = p.crop(cache);
            Files.write(dir.resolve(p.file() + ".rgb"), crop.toByteArray());
            index.append(p.file()).append('\t').append(crop.digest().hex()).append('\n');
        }
        Files.writeString(dir.resolve("crops.tsv"), index.toString(), StandardCharsets.UTF_8);
    }

    private static Path requested(String property) throws Exception {
        String value = System.getProperty(property, "");
        String reason = "SKIPPED: golden-input writer runs only with -D" + property + "=<dir>";
        if (value.isBlank()) {
            System.err.println(reason);
        }
        assumeTrue(!value.isBlank(), reason);
        return Files.createDirectories(Paths.get(value));
    }
}
