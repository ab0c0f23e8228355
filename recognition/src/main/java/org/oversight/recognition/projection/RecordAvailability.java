package org.oversight.recognition.projection;

import java.util.Objects;
import org.oversight.domain.event.Landmarks;
import org.oversight.domain.event.Template;

/**
 * What a {@link SealedRecordSource} has for a sealed detection: its biometric record (the parts the
 * projection and a reviewer use) or why not.
 */
public sealed interface RecordAvailability {

    /** The record of a sealed detection, checked against the leaf's commitment by the source. */
    static RecordAvailability available(Template template, Landmarks landmarks) {
        return new Available(template, landmarks);
    }

    /** The caller was not given the record (not disclosed to it, or not fetched). */
    static RecordAvailability withheld(String detail) {
        return new Unavailable(Reason.WITHHELD, detail);
    }

    /** The record was destroyed: its epoch closed without keeping it, or a kept record was destroyed later. */
    static RecordAvailability erased(String detail) {
        return new Unavailable(Reason.ERASED, detail);
    }

    /**
     * An opened record.
     *
     * @param template the record's template, used exactly as a schema-1 detection's template
     * @param landmarks the record's 68 landmarks (not used by the projection; for reviewers and bundles)
     */
    record Available(Template template, Landmarks landmarks) implements RecordAvailability {
        public Available {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(landmarks, "landmarks");
        }
    }

    /**
     * A record the source cannot give (a detection's biometric record or an entry's enrolment record).
     *
     * @param reason withheld or erased
     * @param detail the values involved (which records file, which epoch close), for reports
     */
    record Unavailable(Reason reason, String detail) implements RecordAvailability, EnrolmentAvailability {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Why a record is unavailable. */
    enum Reason {
        /** Not given to this replay: not disclosed to the caller, or not fetched. */
        WITHHELD,
        /** Destroyed by its epoch's close (not kept) or by a later destruction of kept records. */
        ERASED
    }
}
