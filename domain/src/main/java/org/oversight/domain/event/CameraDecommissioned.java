package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * Decommissions a camera from this event's leaf index on (docs/format.md §4.5): its device key may
 * sign nothing more. Stream {@code camera/<camera>}, seq ≥ 1. Signed by an authority or officer.
 *
 * @param camera the id (equals the stream id)
 * @param reason why, 1–1024 code points
 */
public record CameraDecommissioned(String camera, String reason) implements EventPayload {
    private static final Set<String> FIELDS = Set.of("camera", "reason");

    public CameraDecommissioned {
        String id = camera;
        String r = reason;
        Values.unchecked(() -> check("$", id, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static CameraDecommissioned fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String id = Fields.string(o, "camera");
        String reason = Fields.string(o, "reason");
        check(o.path(), id, reason);
        return new CameraDecommissioned(id, reason);
    }

    private static void check(String at, String id, String reason) throws InvalidEventException {
        Values.identifier(at + ".camera", id);
        Values.text(at + ".reason", reason, 1024);
    }

    @Override
    public EventType type() {
        return EventType.CAMERA_DECOMMISSIONED;
    }

    @Override
    public StreamId stream() {
        return StreamId.camera(camera);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("camera", camera)
                .put("reason", reason)
                .build();
    }
}
