package org.oversight.domain.event;

import java.util.List;
import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * Destroys records an epoch's close kept (docs/format.md §4.9; rule R8: by their
 * {@code retainUntil}, or earlier when the case closes). Stream {@code epoch/<epoch>}, seq ≥ 2.
 * Signed by the engine.
 *
 * @param epoch the epoch id (equals the stream id)
 * @param detections 1–65,536 detections the close kept, strictly increasing leaf order
 * @param reason why, text(1024)
 */
public record KeptRecordsDestroyed(String epoch, List<DetectionRef> detections, String reason)
        implements EventPayload {
    /** Most detections one event may list. */
    public static final int MAX_DETECTIONS = 65_536;
    private static final Set<String> FIELDS = Set.of("epoch", "detections", "reason");

    public KeptRecordsDestroyed {
        Values.present("$.detections", detections);
        detections = List.copyOf(detections);
        String e = epoch;
        List<DetectionRef> d = detections;
        String r = reason;
        Values.unchecked(() -> check("$", e, d, r));
    }

    /**
     * Reads and validates a payload object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static KeptRecordsDestroyed fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String epoch = Fields.identifier(o, "epoch");
        List<DetectionRef> detections = DetectionRefs.parse(Fields.array(o, "detections", 1, MAX_DETECTIONS));
        String reason = Fields.text(o, "reason", 1024);
        check(o.path(), epoch, detections, reason);
        return new KeptRecordsDestroyed(epoch, detections, reason);
    }

    private static void check(String at, String epoch, List<DetectionRef> detections, String reason)
            throws InvalidEventException {
        Values.identifier(at + ".epoch", epoch);
        DetectionRefs.check(at + ".detections", detections, 1, MAX_DETECTIONS);
        Values.text(at + ".reason", reason, 1024);
    }

    @Override
    public EventType type() {
        return EventType.KEPT_RECORDS_DESTROYED;
    }

    @Override
    public StreamId stream() {
        return StreamId.epoch(epoch);
    }

    @Override
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("epoch", epoch)
                .put("detections", DetectionRefs.toJson(detections))
                .put("reason", reason)
                .build();
    }
}
