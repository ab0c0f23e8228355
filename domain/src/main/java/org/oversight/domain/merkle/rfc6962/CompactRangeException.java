package org.oversight.domain.merkle.rfc6962;

/** A persisted {@link CompactRange} state is malformed; the message names the offending value. */
public final class CompactRangeException extends Exception {
    private static final long serialVersionUID = 1L;

    public CompactRangeException(String message) {
        super(message);
    }
}
