package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.json.JsonObject;

/**
 * Registers a camera and its device key (docs/format.md §4.5). Stream {@code camera/<camera>},
 * seq 0 only. Signed by an authority or officer. From this event's leaf index on, the device key
 * may sign {@link FaceDetected} events in {@code detections/<camera>} and nothing else (rule R9).
 *
 * @param camera the camera's id (equals the stream id)
 * @param location where it is
 * @param purpose why it runs facial recognition, 1–1024 code points
 * @param legalBasis the legal basis, 1–1024 code points
 * @param devicePublicKey the key the camera signs detections with
 */
public record CameraRegistered(
        String camera, Location location, String purpose, String legalBasis, Ed25519PublicKey devicePublicKey)
        implements EventPayload {
    private static final Set<String> FIELDS = Set.of("camera", "location", "purpose", "legalBasis", "devicePublicKey");

    public CameraRegistered {
        String c = camera;
        String p = purpose;
        String l = legalBasis;
        Values.present("$.location", location);
        Values.present("$.devicePublicKey", devicePublicKey);
        Values.unchecked(() -> check("$", c, p, l));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static CameraRegistered fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String camera = Fields.string(o, "camera");
        String purpose = Fields.string(o, "purpose");
        String legalBasis = Fields.string(o, "legalBasis");
        check(o.path(), camera, purpose, legalBasis);
        Location location = Location.fromJson(Fields.object(o, "location"));
        return new CameraRegistered(camera, location, purpose, legalBasis, Fields.publicKey(o, "devicePublicKey"));
    }

    private static void check(String at, String camera, String purpose, String legalBasis)
            throws InvalidEventException {
        Values.identifier(at + ".camera", camera);
        Values.text(at + ".purpose", purpose, 1024);
        Values.text(at + ".legalBasis", legalBasis, 1024);
    }

    @Override
    public EventType type() {
        return EventType.CAMERA_REGISTERED;
    }

    @Override
    public StreamId stream() {
        return StreamId.camera(camera);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("camera", camera)
                .put("location", location.toJson())
                .put("purpose", purpose)
                .put("legalBasis", legalBasis)
                .put("devicePublicKey", devicePublicKey.toText())
                .build();
    }
}
