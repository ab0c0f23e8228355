package org.oversight.recognition.projection;

import org.oversight.domain.event.EventType;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.Timestamp;
import org.oversight.domain.json.JsonFieldException;
import org.oversight.domain.json.JsonObject;

/**
 * The public members of a sealed ({@code FaceDetected} schema 2) detection the projection needs:
 * capture time, model id and template format (docs/format.md §12). Read from the payload's
 * members so the projection does not depend on how the domain names the schema-2 payload class.
 */
record SealedDetection(Timestamp captureTime, String modelId, int templateFormat) {

    /** The members of {@code event}, a {@code FaceDetected} whose payload is not the schema-1 record. */
    static SealedDetection of(SignedEvent event) {
        if (event.type() != EventType.FACE_DETECTED) {
            throw new IllegalArgumentException("not a FaceDetected: " + event.type());
        }
        JsonObject o = event.payload().toJson();
        try {
            return new SealedDetection(Timestamp.parse("$.captureTime", o.requireString("captureTime")),
                    o.requireString("modelId"), Math.toIntExact(o.requireLong("templateFormat", 1, 65535)));
        } catch (JsonFieldException | InvalidEventException e) {
            // An accepted payload always has these members (the domain validated it): a bug if not.
            throw new IllegalStateException("sealed detection payload without its public members: " + e.getMessage(), e);
        }
    }
}
