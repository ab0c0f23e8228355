package org.oversight.domain.seal;

/**
 * Bytes are not a canonical biometric record (docs/format.md §12.1). The message names the member's
 * path (e.g. {@code $.landmarks[3][0]}) and the offending value.
 */
public final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;

    public MalformedRecordException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The JSON path of the offending member; {@code $} for the document as a whole. */
    public String path() {
        return path;
    }
}
