package org.oversight.ops.demo;

import java.util.Optional;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.event.FaceBox;
import org.oversight.domain.event.FaceDetected;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.Template;
import org.oversight.domain.event.Timestamp;
import org.oversight.recognition.assets.AssetIntegrityException;
import org.oversight.recognition.assets.AssetCache;
import org.oversight.recognition.image.ImageDecodeException;
import org.oversight.recognition.landmarks.FaceLandmarks68;
import org.oversight.recognition.pipeline.FacePipeline;
import org.oversight.recognition.pipeline.FaceResult;
import org.oversight.recognition.template.FaceTemplate;
import org.oversight.recognition.template.TemplateQuantiser;

/**
 * The most confident face of one real photo, through the real pipeline ({@link FacePipeline}:
 * detector, 68 landmarks, aligned 150×150 crop, 128-D descriptor, int8 template, docs/format.md §9),
 * in the integer forms a {@code FaceDetected} signs (§4.7).
 *
 * @param photo the photo's file name
 * @param frameDigest SHA-256 of the photo's JPEG bytes (the "frame")
 * @param box the detection box in whole pixels
 * @param landmarks the 68 points in 1/64 pixel
 * @param alignedCropDigest SHA-256 of the aligned crop's canonical pixel bytes (§9.2)
 * @param alignedCrop the aligned crop's canonical pixel bytes (§9.2; what a sealed record carries)
 * @param template the quantised template
 * @param quality the detector's confidence in per mille
 */
public record CapturedFace(String photo, Sha256Digest frameDigest, FaceBox box, Landmarks landmarks,
        Sha256Digest alignedCropDigest, byte[] alignedCrop, FaceTemplate template, long quality) {
    public CapturedFace {
        alignedCrop = alignedCrop.clone();
    }

    /** A copy of the aligned crop's pixel bytes. */
    @Override
    public byte[] alignedCrop() {
        return alignedCrop.clone();
    }

    /** The model id string carried in templates and the policy (docs/format.md §4.1). */
    public static final String MODEL = "face-api/face_recognition_model@1.7.15";
    /** The template format (§9.4). */
    public static final int TEMPLATE_FORMAT = FaceTemplate.VERSION;

    /**
     * Runs the pipeline on a photo of the asset cache.
     *
     * @return empty if no face with an aligned crop and descriptor is found
     */
    public static Optional<CapturedFace> capture(AssetCache assets, FacePipeline pipeline, String photo)
            throws AssetIntegrityException, ImageDecodeException {
        byte[] jpeg = assets.readPhoto(photo);
        for (FaceResult r : pipeline.process(jpeg)) {
            if (r.aligned().isEmpty() || r.descriptor().isEmpty()) {
                continue;
            }
            FaceTemplate t = TemplateQuantiser.quantise(r.descriptor().get(),
                    pipeline.recognitionNet().orElseThrow().modelId());
            var b = r.detection().box();
            long x = round(b.x());
            long y = round(b.y());
            FaceBox box = new FaceBox(x, y, Math.max(1, round(b.x() + b.width()) - x),
                    Math.max(1, round(b.y() + b.height()) - y));
            long quality = Math.round(r.detection().scoreMicros() / 1000.0);
            return Optional.of(new CapturedFace(photo, Sha256Digest.hash(jpeg), box, sixtyFourths(r.landmarks()),
                    r.aligned().get().digest(), r.aligned().get().rgb(), t, quality));
        }
        return Optional.empty();
    }

    /** The template as events carry it. */
    public Template wireTemplate() {
        return Template.of(template.encode(), TEMPLATE_FORMAT, MODEL);
    }

    /** This face as a camera's detection payload. */
    public FaceDetected detection(String camera, Timestamp captureTime) {
        return new FaceDetected(camera, captureTime, frameDigest, box, landmarks, alignedCropDigest, wireTemplate(),
                quality);
    }

    private static Landmarks sixtyFourths(FaceLandmarks68 lm) {
        int[] xy = new int[2 * FaceLandmarks68.POINTS];
        for (int i = 0; i < FaceLandmarks68.POINTS; i++) {
            xy[2 * i] = Math.toIntExact(round(lm.x(i) * Landmarks.SCALE));
            xy[2 * i + 1] = Math.toIntExact(round(lm.y(i) * Landmarks.SCALE));
        }
        return Landmarks.of(xy);
    }

    private static long round(double v) {
        return (long) Math.floor(v + 0.5);
    }
}
