package org.oversight.recognition.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.recognition.align.FaceAligner;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.assets.FaceApiModel;
import org.oversight.recognition.detect.DetectorOptions;
import org.oversight.recognition.detect.FaceDetection;
import org.oversight.recognition.detect.SsdMobilenetV1;
import org.oversight.recognition.image.ImageDecodeException;
import org.oversight.recognition.image.JpegDecoder;
import org.oversight.recognition.image.RgbImage;
import org.oversight.recognition.landmarks.FaceLandmark68Net;
import org.oversight.recognition.landmarks.FaceLandmarks68;
import org.oversight.recognition.tfjs.WeightsFormatException;

/**
 * Photo to faces, as face-api's {@code detectAllFaces(img).withFaceLandmarks()} plus the canonical
 * aligned crop of {@code withFaceDescriptors()}: JPEG bytes are decoded to RGB
 * ({@link JpegDecoder}), faces detected ({@link SsdMobilenetV1}), each face's landmarks predicted
 * ({@link FaceLandmark68Net}) and its crop aligned ({@link FaceAligner}).
 *
 * <p>Deterministic: the same image bytes give bit-identical results on every JVM and JIT mode.
 * Immutable and thread-safe; faces are processed one after another on the calling thread.
 */
public final class FacePipeline {
    private final SsdMobilenetV1 detector;
    private final FaceLandmark68Net landmarkNet;
    private final DetectorOptions options;

    public FacePipeline(SsdMobilenetV1 detector, FaceLandmark68Net landmarkNet, DetectorOptions options) {
        this.detector = detector;
        this.landmarkNet = landmarkNet;
        this.options = options;
    }

    /**
     * Loads both networks from a verified asset cache, with face-api's default detector options.
     *
     * @throws AssetIntegrityException if a model file is absent or differs from its pin
     * @throws WeightsFormatException if a model is malformed
     */
    public static FacePipeline load(AssetCache assets) throws AssetIntegrityException, WeightsFormatException {
        return new FacePipeline(
                SsdMobilenetV1.fromWeights(assets.loadModel(FaceApiModel.SSD_MOBILENETV1)),
                FaceLandmark68Net.fromWeights(assets.loadModel(FaceApiModel.FACE_LANDMARK_68)),
                DetectorOptions.DEFAULT);
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
            out.add(new FaceResult(d, lm.get(), FaceAligner.align(image, lm.get())));
        }
        return List.copyOf(out);
    }
}
