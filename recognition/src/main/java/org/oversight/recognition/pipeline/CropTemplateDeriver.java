package org.oversight.recognition.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.embed.AlignedCrop;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.embed.InvalidCropException;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;
import org.oversight.recognition.tfjs.ModelId;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * Pixels → template (docs/format.md §9.2–§9.4): the aligned crop's canonical pixel bytes through
 * the recognition network to its descriptor, quantised to the version-1 template with the network's
 * model id — exactly the steps {@link FacePipeline} takes after alignment, so a verifier re-derives
 * a camera's template bit for bit (the network is bit-identical across JVMs, §9.3).
 *
 * <p>Loads only the recognition network, from a model directory verified against the pinned
 * hashes. Thread-safe after construction.
 */
public final class CropTemplateDeriver {
    private final FaceRecognitionNet net;
    private final Path modelDir;

    private CropTemplateDeriver(FaceRecognitionNet net, Path modelDir) {
        this.net = net;
        this.modelDir = modelDir;
    }

    /**
     * Loads the recognition network from {@code modelDir} (see {@link AssetCache#loadModel(Path, FaceApiModel)}).
     *
     * @throws AssetIntegrityException if a model file is absent or differs from its pin
     * @throws WeightsFormatException if the manifest or shards are malformed
     */
    public static CropTemplateDeriver load(Path modelDir) throws AssetIntegrityException, WeightsFormatException {
        Objects.requireNonNull(modelDir, "modelDir");
        return new CropTemplateDeriver(
                FaceRecognitionNet.create(AssetCache.loadModel(modelDir, FaceApiModel.FACE_RECOGNITION)), modelDir);
    }

    /** Where the model was loaded from. */
    public Path modelDir() {
        return modelDir;
    }

    /** The model id (§9.1) embedded in every template this deriver produces. */
    public ModelId modelId() {
        return net.modelId();
    }

    /**
     * The version-1 template of an aligned crop.
     *
     * @param canonicalPixels the crop's canonical pixel bytes (§9.2: 150 × 150 RGB, 67,500 bytes)
     * @throws InvalidCropException if the bytes are not a 150 × 150 RGB crop
     */
    public FaceTemplate derive(byte[] canonicalPixels) throws InvalidCropException {
        return TemplateQuantiser.quantise(net.embed(AlignedCrop.of(canonicalPixels)), net.modelId());
    }
}
