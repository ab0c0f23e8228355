package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.json.JsonObject;

/**
 * {@code FaceDetected} schema 2 (docs/format.md §4.7, §12): a face a camera detected, with its
 * biometric values (template, landmarks, aligned crop) sealed in a record outside the log. The leaf
 * keeps the public members and {@code sealed}: the digest of the sealed blob, the commitment to the
 * record and the erasure epoch. Stream {@code detections/<camera>}, any seq. Signed only by the
 * camera's device key (rule R9). Accepted only if its epoch was opened before it, is not closed,
 * and covers its capture time (rule R5(a), format.md §5.4).
 *
 * @param camera the camera's id (equals the stream id)
 * @param captureTime when the frame was captured
 * @param frameDigest SHA-256 of the encoded frame
 * @param faceBox the face's box in the frame
 * @param modelId the model that produced the (sealed) template
 * @param templateFormat the (sealed) template's format version, 1–65535
 * @param quality detection quality, 0–1000
 * @param sealed the binding to the sealed record
 */
public record SealedFaceDetected(
        String camera,
        Timestamp captureTime,
        Sha256Digest frameDigest,
        FaceBox faceBox,
        String modelId,
        int templateFormat,
        long quality,
        SealedRecordRef sealed)
        implements Detection {
    private static final Set<String> FIELDS = Set.of("camera", "captureTime", "frameDigest", "faceBox", "modelId",
            "templateFormat", "quality", "sealed");

    public SealedFaceDetected {
        Values.present("$.captureTime", captureTime);
        Values.present("$.frameDigest", frameDigest);
        Values.present("$.faceBox", faceBox);
        Values.present("$.sealed", sealed);
        String c = camera;
        String m = modelId;
        int f = templateFormat;
        long q = quality;
        Values.unchecked(() -> check("$", c, m, f, q));
    }

    /**
     * Reads and validates a schema-2 payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static SealedFaceDetected fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String camera = Fields.string(o, "camera");
        String modelId = Fields.string(o, "modelId");
        long format = Fields.integer(o, "templateFormat", 1, 65535);
        long quality = Fields.integer(o, "quality", 0, 1000);
        check(o.path(), camera, modelId, (int) format, quality);
        return new SealedFaceDetected(
                camera,
                Fields.timestamp(o, "captureTime"),
                Fields.digest(o, "frameDigest"),
                FaceBox.fromJson(Fields.object(o, "faceBox")),
                modelId,
                (int) format,
                quality,
                SealedRecordRef.fromJson(Fields.object(o, "sealed")));
    }

    private static void check(String at, String camera, String modelId, int format, long quality)
            throws InvalidEventException {
        Values.identifier(at + ".camera", camera);
        Values.modelId(at + ".modelId", modelId);
        Values.range(at + ".templateFormat", format, 1, 65535);
        Values.range(at + ".quality", quality, 0, 1000);
    }

    @Override
    public int schema() {
        return EventType.SCHEMA_V2;
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("camera", camera)
                .put("captureTime", captureTime.text())
                .put("frameDigest", frameDigest.hex())
                .put("faceBox", faceBox.toJson())
                .put("modelId", modelId)
                .put("templateFormat", templateFormat)
                .put("quality", quality)
                .put("sealed", sealed.toJson())
                .build();
    }
}
