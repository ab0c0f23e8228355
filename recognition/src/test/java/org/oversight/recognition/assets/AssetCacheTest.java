package org.oversight.recognition.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.recognition.tfjs.ModelWeights;

class AssetCacheTest {
    @Test
    void fetchesVerifiesAndLoadsTheRecognitionModel() throws Exception {
        AssetCache cache = AssetCache.openOrFetch();
        ModelWeights w = cache.loadModel(FaceApiModel.FACE_RECOGNITION);
        assertThat(w.require("conv32_down/conv/filters", 7, 7, 3, 32).size()).isEqualTo(4704);
        assertThat(w.require("fc", 256, 128).size()).isEqualTo(256 * 128);
        assertThat(w.id().hex()).hasSize(64);
        assertThat(cache.photoNames()).contains("franck_02159.jpg", "audrey.jpg");
    }

    @Test
    void everyShippedModelLoads() throws Exception {
        AssetCache cache = AssetCache.openOrFetch();
        for (FaceApiModel m : FaceApiModel.values()) {
            assertThat(cache.loadModel(m).tensors()).as(m.stem()).isNotEmpty();
        }
    }

    @Test
    void refusesATamperedCache(@TempDir Path tmp) throws Exception {
        AssetCache good = AssetCache.openOrFetch();
        copyTree(good.root(), tmp);
        Path bin = tmp.resolve("face-api-1.7.15/model/face_recognition_model.bin");
        byte[] bytes = Files.readAllBytes(bin);
        bytes[12345] ^= 1;
        Files.write(bin, bytes);
        assertThatThrownBy(() -> AssetCache.open(tmp))
                .isInstanceOf(AssetIntegrityException.class)
                .hasMessageContaining("face_recognition_model.bin")
                .hasMessageContaining("!= pinned");
    }

    @Test
    void refusesAnIncompleteCache(@TempDir Path tmp) {
        assertThatThrownBy(() -> AssetCache.open(tmp))
                .isInstanceOf(AssetException.class)
                .hasMessageContaining("not found at " + tmp);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.toString().contains("tarballs")) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
