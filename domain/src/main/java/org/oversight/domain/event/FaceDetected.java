package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * A face a camera detected, {@code FaceDetected} schema 1 (docs/format.md §4.7): biometric values
 * in clear in the leaf. Schema 2 is {@link SealedFaceDetected}; both are a {@link Detection}. Stream {@code detections/<camera>}, any seq.
 * Signed only by the device key registered for {@code camera} (rule R9).
 *
 * <p>The template's model id is the detection's model id. The aligned crop is not in the event;
 * its digest is, so an evidence bundle carrying the crop lets a verifier re-derive the template.
 *
 * @param camera the camera's id (equals the stream id)
 * @param captureTime when the frame was captured
 * @param frameDigest SHA-256 of the encoded frame
 * @param faceBox the face's box in the frame
 * @param landmarks the 68 landmarks in the frame
 * @param alignedCropDigest SHA-256 of the aligned face crop the template was computed from
 * @param template the quantised face template
 * @param quality detection quality, 0–1000 (per mille; defined by the recognition module)
 */
public record FaceDetected(
        String camera,
        Timestamp captureTime,
        Sha256Digest frameDigest,
        FaceBox faceBox,
        Landmarks landmarks,
        Sha256Digest alignedCropDigest,
        Template template,
        long quality)
        implements Detection {
    private static final Set<String> FIELDS = Set.of("camera", "captureTime", "frameDigest", "faceBox", "landmarks",
            "alignedCropDigest", "template", "quality");

    public FaceDetected {
        String c = camera;
        long q = quality;
        Values.present("$.captureTime", captureTime);
        Values.present("$.frameDigest", frameDigest);
        Values.present("$.faceBox", faceBox);
        Values.present("$.landmarks", landmarks);
        Values.present("$.alignedCropDigest", alignedCropDigest);
        Values.present("$.template", template);
        Values.unchecked(() -> check("$", c, q));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static FaceDetected fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String camera = Fields.string(o, "camera");
        long quality = Fields.integer(o, "quality", 0, 1000);
        check(o.path(), camera, quality);
        return new FaceDetected(
                camera,
                Fields.timestamp(o, "captureTime"),
                Fields.digest(o, "frameDigest"),
                FaceBox.fromJson(Fields.object(o, "faceBox")),
                Landmarks.fromJson(Fields.array(o, "landmarks", 0, Integer.MAX_VALUE)),
                Fields.digest(o, "alignedCropDigest"),
                Template.fromJson(Fields.object(o, "template")),
                quality);
    }

    private static void check(String at, String camera, long quality) throws InvalidEventException {
        Values.identifier(at + ".camera", camera);
        Values.range(at + ".quality", quality, 0, 1000);
    }

    /** The model id of the template (the detection's model). */
    @Override
    public String modelId() {
        return template.modelId();
    }

    /** The format of the template. */
    @Override
    public int templateFormat() {
        return template.format();
    }

    @Override
    public EventType type() {
        return EventType.FACE_DETECTED;
    }

    @Override
    public StreamId stream() {
        return StreamId.detections(camera);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("camera", camera)
                .put("captureTime", captureTime.text())
                .put("frameDigest", frameDigest.hex())
                .put("faceBox", faceBox.toJson())
                .put("landmarks", landmarks.toJson())
                .put("alignedCropDigest", alignedCropDigest.hex())
                .put("template", template.toJson())
                .put("quality", quality)
                .build();
    }
}
