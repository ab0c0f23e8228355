package org.oversight.ledger.ingest;

import java.util.List;
import org.oversight.domain.event.SignedEvent;
import org.oversight.ledger.aggregate.EventRejectedException;

/**
 * The ingest path's one pre-sequencing check of sealed detections (docs/ledger.md "Vault"): a
 * schema-2 {@code FaceDetected} is accepted only if its sealed blob is stored in the vault and
 * names the detection's own epoch, stream and seq. Whether the epoch accepts the detection at all
 * (opened before it, not closed, window covers its capture time) is the domain's rule, checked by
 * the registry at the event's leaf.
 */
@FunctionalInterface
public interface SealedRecordAdmission {
    /** Admits everything (no vault: tests of the write path alone). */
    SealedRecordAdmission NONE = events -> {};

    /**
     * @throws EventRejectedException for the first sealed detection (request order) whose blob is
     *     missing, erased or filed for another position; the detail starts with {@code events[i]}
     *     when the request held more than one event
     */
    void check(List<SignedEvent> events) throws EventRejectedException;
}
