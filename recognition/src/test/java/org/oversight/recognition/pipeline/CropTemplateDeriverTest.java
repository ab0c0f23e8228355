package org.oversight.recognition.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.embed.InvalidCropException;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;

/** Pixels → template for a verifier: the same template as the camera's pipeline, bit for bit. */
class CropTemplateDeriverTest {
    @TempDir
    Path dir;

    @Test
    void derivesThePipelinesTemplateFromTheAlignedCropBitForBitAndNothingElseFromAChangedPixel() throws Exception {
        FacePipeline pipeline = SharedPipeline.pipeline();
        String photo = SharedPipeline.cache().photoNames().get(0);
        FaceResult face = pipeline.process(SharedPipeline.cache().readPhoto(photo)).stream()
                .filter(r -> r.aligned().isPresent() && r.descriptor().isPresent()).findFirst().orElseThrow();
        FaceTemplate camera = TemplateQuantiser.quantise(face.descriptor().get(),
                pipeline.recognitionNet().orElseThrow().modelId());
        byte[] crop = face.aligned().get().rgb();

        CropTemplateDeriver deriver = CropTemplateDeriver.load(SharedPipeline.cache().modelDir());
        assertThat(deriver.modelId()).isEqualTo(pipeline.recognitionNet().orElseThrow().modelId());
        assertThat(deriver.derive(crop).encode()).isEqualTo(camera.encode());

        // Quantisation absorbs a change of one pixel (the record commitment, not the template, binds
        // exact pixels); a visible change — the eye region inverted — derives another template.
        byte[] onePixel = crop.clone();
        onePixel[onePixel.length / 2] ^= 0x10;
        assertThat(deriver.derive(onePixel).encode()).isEqualTo(camera.encode());
        for (int y = 40; y < 80; y++) {
            for (int x = 30; x < 120; x++) {
                for (int c = 0; c < 3; c++) {
                    crop[(y * 150 + x) * 3 + c] ^= (byte) 0xff;
                }
            }
        }
        assertThat(deriver.derive(crop).encode()).isNotEqualTo(camera.encode());
    }

    @Test
    void aModelDirectoryWithoutTheModelOrWithAChangedFileIsRefusedNamingTheFile() throws Exception {
        assertThatThrownBy(() -> CropTemplateDeriver.load(dir))
                .isInstanceOf(AssetIntegrityException.class)
                .hasMessageContaining("face_recognition_model-weights_manifest.json");
        Path model = SharedPipeline.cache().modelDir();
        try (var files = Files.list(model)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path manifest = dir.resolve("face_recognition_model-weights_manifest.json");
        byte[] bytes = Files.readAllBytes(manifest);
        bytes[bytes.length - 2] ^= 1;
        Files.write(manifest, bytes);
        assertThatThrownBy(() -> CropTemplateDeriver.load(dir))
                .isInstanceOf(AssetIntegrityException.class).hasMessageContaining("!= pinned");
    }

    @Test
    void bytesThatAreNotA150By150RgbCropAreRefused() throws Exception {
        CropTemplateDeriver deriver = CropTemplateDeriver.load(SharedPipeline.cache().modelDir());
        assertThatThrownBy(() -> deriver.derive(new byte[100])).isInstanceOf(InvalidCropException.class);
    }
}
