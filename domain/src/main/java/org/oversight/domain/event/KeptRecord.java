package org.oversight.domain.event;

import java.util.Set;
import org.oversight.domain.json.JsonObject;

/**
 * One record an epoch's close keeps (docs/format.md §4.9): the detection, why, for which case,
 * and until when (rule R8: destroyed by {@code retainUntil}).
 *
 * @param caseRef the case reference, text(256)
 * @param detection the kept detection
 * @param reason why it is kept
 * @param retainUntil it must be destroyed before any event whose header time is at or after this
 */
public record KeptRecord(String caseRef, DetectionRef detection, KeepReason reason, Timestamp retainUntil) {
    private static final Set<String> FIELDS = Set.of("caseRef", "detection", "reason", "retainUntil");

    public KeptRecord {
        Values.present("$.detection", detection);
        Values.present("$.reason", reason);
        Values.present("$.retainUntil", retainUntil);
        String c = caseRef;
        Values.unchecked(() -> Values.text("$.caseRef", c, 256));
    }

    /**
     * Reads and validates a kept-record object.
     *
     * @throws InvalidEventException naming the path and value of the first invalid or missing field
     */
    public static KeptRecord fromJson(JsonObject o) throws InvalidEventException {
        Fields.only(o, FIELDS);
        String caseRef = Fields.text(o, "caseRef", 256);
        DetectionRef detection = DetectionRef.fromJson(Fields.object(o, "detection"));
        KeepReason reason = KeepReason.fromWireName(Fields.path(o, "reason"), Fields.string(o, "reason"));
        Timestamp retainUntil = Fields.timestamp(o, "retainUntil");
        return new KeptRecord(caseRef, detection, reason, retainUntil);
    }

    /** The kept record as a JSON object. */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("caseRef", caseRef)
                .put("detection", detection.toJson())
                .put("reason", reason.wireName())
                .put("retainUntil", retainUntil.text())
                .build();
    }
}
