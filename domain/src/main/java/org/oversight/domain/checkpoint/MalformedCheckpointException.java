package org.oversight.domain.checkpoint;

/**
 * A note text that is not a C2SP tlog-checkpoint body. The message names the rule broken and the
 * 1-based line of the text it was found on.
 */
public final class MalformedCheckpointException extends Exception {
    private final String reason;
    private final int line;

    /**
     * @param reason the rule broken, with the offending value
     * @param line the 1-based line number, or 0 if the problem is not on one line
     */
    public MalformedCheckpointException(String reason, int line) {
        super(line > 0 ? "malformed checkpoint: line " + line + ": " + reason : "malformed checkpoint: " + reason);
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
