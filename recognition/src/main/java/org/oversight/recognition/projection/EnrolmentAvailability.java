package org.oversight.recognition.projection;

import java.util.List;
import java.util.Objects;
import org.oversight.domain.event.Template;

/**
 * What a {@link SealedRecordSource} has for a schema-2 watchlist entry: the templates of its
 * sealed enrolment record (checked against the leaf by the source), or why not — the same
 * {@link RecordAvailability.Unavailable} (withheld or erased) as for a detection's record.
 */
public sealed interface EnrolmentAvailability permits EnrolmentAvailability.Available, RecordAvailability.Unavailable {

    /** The templates of an opened enrolment record, in the record's order. */
    static EnrolmentAvailability available(List<Template> templates) {
        return new Available(templates);
    }

    /** The caller was not given the record. */
    static EnrolmentAvailability withheld(String detail) {
        return new RecordAvailability.Unavailable(RecordAvailability.Reason.WITHHELD, detail);
    }

    /** The record was destroyed (its epoch's close did not keep it, or a later destruction). */
    static EnrolmentAvailability erased(String detail) {
        return new RecordAvailability.Unavailable(RecordAvailability.Reason.ERASED, detail);
    }

    /**
     * An opened enrolment record's templates, used exactly as a schema-1 entry's.
     *
     * @param templates 1–16 templates, in the record's crop order
     */
    record Available(List<Template> templates) implements EnrolmentAvailability {
        public Available {
            Objects.requireNonNull(templates, "templates");
            templates = List.copyOf(templates);
            if (templates.isEmpty()) {
                throw new IllegalArgumentException("an enrolment record has at least one template");
            }
        }
    }
}
