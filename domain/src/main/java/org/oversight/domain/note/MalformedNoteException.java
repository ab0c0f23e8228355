package org.oversight.domain.note;

/**
 * A note that breaks a C2SP signed-note well-formedness rule. The message names the rule broken and,
 * where there is one, the 1-based line of the note it was found on.
 */
public final class MalformedNoteException extends Exception {
    private final String reason;
    private final int line;

    /**
     * @param reason the rule broken, with the offending value
     * @param line the 1-based line number, or 0 if the problem is not on one line
     */
    public MalformedNoteException(String reason, int line) {
        super(line > 0 ? "malformed note: line " + line + ": " + reason : "malformed note: " + reason);
        this.reason = reason;
        this.line = line;
    }

    /** The rule broken, with the offending value. */
    public String reason() {
        return reason;
    }

    /** The 1-based line number, or 0 if the problem is not on one line. */
    public int line() {
        return line;
    }
}
