package org.oversight.recognition.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.recognition.align.AlignedFace;
import org.oversight.recognition.align.FaceAligner;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.detect.DetectorOptions;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.detect.SsdMobilenetV1;
import org.oversight.recognition.embed.FaceDescriptor;
import org.oversight.recognition.embed.FaceRecognitionNet;
import org.oversight.recognition.image.ImageDecodeException;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.landmarks.FaceLandmark68Net;
import org.oversight.recognition.landmarks.FaceLandmarks68;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * Photo to faces, as face-api's {@code detectAllFaces(img).withFaceLandmarks().withFaceDescriptors()}:
 * JPEG bytes are decoded to RGB ({@link JpegDecoder}), faces detected ({@link SsdMobilenetV1}),
 * each face's landmarks predicted ({@link FaceLandmark68Net}), its canonical crop aligned
 * ({@link FaceAligner}) and embedded ({@link FaceRecognitionNet}; from the byte-rounded crop, so
 * descriptors differ slightly from face-api's, which embeds the unrounded resampled floats).
 *
 * <p>Deterministic: the same image bytes give bit-identical results on every JVM and JIT mode.
 * Immutable and thread-safe; faces are processed one after another on the calling thread.
 */
public final class FacePipeline {
    private final SsdMobilenetV1 detector;
    private final FaceLandmark68Net landmarkNet;
    private final Optional<FaceRecognitionNet> recognitionNet;
    private final DetectorOptions options;

    /**
     * @param recognitionNet computes each crop's descriptor; empty to stop at the crop
     */
    public FacePipeline(SsdMobilenetV1 detector, FaceLandmark68Net landmarkNet,
            Optional<FaceRecognitionNet> recognitionNet, DetectorOptions options) {
        this.detector = detector;
        this.landmarkNet = landmarkNet;
        this.recognitionNet = recognitionNet;
        this.options = options;
    }

    /**
     * Loads the detector, landmark and recognition networks from a verified asset cache, with
     * face-api's default detector options.
     *
     * @throws AssetIntegrityException if a model file is absent or differs from its pin
     * @throws WeightsFormatException if a model is malformed
     */
    public static FacePipeline load(AssetCache assets) throws AssetIntegrityException, WeightsFormatException {
        return new FacePipeline(
                SsdMobilenetV1.fromWeights(assets.loadModel(FaceApiModel.SSD_MOBILENETV1)),
                FaceLandmark68Net.fromWeights(assets.loadModel(FaceApiModel.FACE_LANDMARK_68)),
                Optional.of(FaceRecognitionNet.create(assets.loadModel(FaceApiModel.FACE_RECOGNITION))),
                DetectorOptions.DEFAULT);
    }

    /** As {@link #load} but without the recognition network (results carry no descriptor). */
    public static FacePipeline loadWithoutRecognition(AssetCache assets)
            throws AssetIntegrityException, WeightsFormatException {
        return new FacePipeline(
                SsdMobilenetV1.fromWeights(assets.loadModel(FaceApiModel.SSD_MOBILENETV1)),
                FaceLandmark68Net.fromWeights(assets.loadModel(FaceApiModel.FACE_LANDMARK_68)),
                Optional.empty(), DetectorOptions.DEFAULT);
    }

    public Optional<FaceRecognitionNet> recognitionNet() {
        return recognitionNet;
    }

    public SsdMobilenetV1 detector() {
        return detector;
    }

    public FaceLandmark68Net landmarkNet() {
        return landmarkNet;
    }

    /**
     * Runs the pipeline on JPEG bytes.
     *
     * @throws ImageDecodeException if the bytes are not a supported JPEG
     */
    public List<FaceResult> process(byte[] jpeg) throws ImageDecodeException {
        return process(JpegDecoder.decode(jpeg));
    }

    /**
     * Runs the pipeline on decoded pixels.
     *
     * @return one result per detection whose face region is non-empty, in descending score order
     */
    public List<FaceResult> process(RgbImage image) {
        List<FaceResult> out = new ArrayList<>();
        for (FaceDetection d : detector.detect(image, options)) {
            Optional<FaceLandmarks68> lm = landmarkNet.detect(image, d);
            if (lm.isEmpty()) {
                continue;
            }
            Optional<AlignedFace> aligned = FaceAligner.align(image, lm.get());
            Optional<FaceDescriptor> descriptor = aligned.flatMap(a -> recognitionNet.map(net -> net.embed(a.crop())));
            out.add(new FaceResult(d, lm.get(), aligned, descriptor));
        }
        return List.copyOf(out);
    }
}
