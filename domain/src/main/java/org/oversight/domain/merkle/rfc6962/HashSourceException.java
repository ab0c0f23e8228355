package org.oversight.domain.merkle.rfc6962;

/** A {@link HashSource} could not supply a hash (storage failure, missing or malformed tile). */
public final class HashSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public HashSourceException(String message) {
        super(message);
    }

    public HashSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
