package org.oversight.domain.export;

/** A log export that does not follow docs/format.md §10; the message names the line and the problem. */
public final class MalformedExportException extends Exception {
    private final long line;

    public MalformedExportException(long line, String message) {
        super("export line " + line + ": " + message);
        this.line = line;
    }

    public MalformedExportException(long line, String message, Throwable cause) {
        super("export line " + line + ": " + message, cause);
        this.line = line;
    }

    /** 1-based line number of the problem. */
    public long line() {
        return line;
    }
}
