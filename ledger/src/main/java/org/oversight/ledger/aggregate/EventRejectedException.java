package org.oversight.ledger.aggregate;

import java.util.Objects;

/**
 * An event the ledger refuses: the rule it breaks ({@link Rejection}) and a detail naming the field
 * and value. Transport-neutral: the web layer turns it into an RFC 9457 problem.
 */
public final class EventRejectedException extends Exception {
    private final Rejection type;

    public EventRejectedException(Rejection type, String detail) {
        super(detail);
        this.type = Objects.requireNonNull(type, "type");
    }

    public EventRejectedException(Rejection type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The rule broken. */
    public Rejection type() {
        return type;
    }

    /** The detail: names the field and the value. */
    public String detail() {
        return getMessage();
    }
}
