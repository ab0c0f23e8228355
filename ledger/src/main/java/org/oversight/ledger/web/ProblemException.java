package org.oversight.ledger.web;

/**
 * A request the ledger refuses, carrying the rule it broke and a detail naming the offending field
 * and value. Checked: every caller that can reject must say so, and the HTTP layer turns it into an
 * RFC 9457 problem via {@link ProblemResponses}.
 */
public class ProblemException extends Exception {
    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemException(ProblemType type, String detail, Throwable cause) {
        super(detail, cause);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The detail text for the problem document: names the field and the value. */
    public String detail() {
        return getMessage();
    }
}
