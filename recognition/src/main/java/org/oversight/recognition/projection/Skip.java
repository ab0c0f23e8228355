package org.oversight.recognition.projection;

import java.util.Objects;

/**
 * A detection the projection did not search, and why.
 *
 * @param reason the rule that applied
 * @param detail the values involved, for logs and reports
 */
public record Skip(SkipReason reason, String detail) {
    public Skip {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }
}
