package org.oversight.domain.seal;

/**
 * Bytes are not a canonical sealed blob (docs/format.md §12.4). The message names the member's path
 * (e.g. {@code $.wrappedKeys[1].enc}) and the offending value.
 */
public final class MalformedSealedBlobException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;

    public MalformedSealedBlobException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The JSON path of the offending member; {@code $} for the document as a whole. */
    public String path() {
        return path;
    }
}
