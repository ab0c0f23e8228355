package org.oversight.ledger.aggregate;

import org.oversight.ledger.web.ProblemException;
import org.oversight.ledger.web.ProblemType;

/** An event the ledger refuses: the rule it breaks and a detail naming the field and value. */
public final class EventRejectedException extends ProblemException {
    public EventRejectedException(ProblemType type, String detail) {
        super(type, detail);
    }

    public EventRejectedException(ProblemType type, String detail, Throwable cause) {
        super(type, detail, cause);
    }
}
