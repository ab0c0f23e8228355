package org.oversight.domain.export;

/** A records file that does not follow docs/format.md §10.1; the message names the line and the problem. */
public final class MalformedRecordsFileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long line;

    public MalformedRecordsFileException(long line, String message) {
        super("records line " + line + ": " + message);
        this.line = line;
    }

    public MalformedRecordsFileException(long line, String message, Throwable cause) {
        super("records line " + line + ": " + message, cause);
        this.line = line;
    }

    /** 1-based line number of the problem. */
    public long line() {
        return line;
    }
}
