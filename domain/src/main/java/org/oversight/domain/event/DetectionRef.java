package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonNumber;
import org.oversight.domain.json.JsonObject;

/**
 * A reference to a {@link FaceDetected} event in the log (docs/format.md §4.8): its event hash
 * and leaf index, so the detection and its inclusion proof can be fetched and checked.
 *
 * @param eventHash the detection's event hash
 * @param leafIndex its leaf index in the log, 0 to 2^53−1
 */
public record DetectionRef(EventHash eventHash, long leafIndex) {
    private static final Set<String> FIELDS = Set.of("eventHash", "leafIndex");

    public DetectionRef {
        Values.present("$.eventHash", eventHash);
        long i = leafIndex;
        Values.unchecked(() -> Values.range("$.leafIndex", i, 0, JsonNumber.MAX_SAFE_INTEGER));
    }

    /**
     * Reads and validates a detection reference object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static DetectionRef fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        EventHash hash = Fields.eventHash(o, "eventHash");
        long leaf = Fields.integer(o, "leafIndex", 0, JsonNumber.MAX_SAFE_INTEGER);
        return new DetectionRef(hash, leaf);
    }

    /** The reference as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder().put("eventHash", eventHash.hex()).put("leafIndex", leafIndex).build();
    }
}
