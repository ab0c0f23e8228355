package org.oversight.domain.bundle;

/**
 * A bundle cannot be built: the match is not in the log under the checkpoint, an event it needs is
 * missing, a leaf cannot be read or parsed, or a proof cannot be generated. The message names the
 * match, leaf or key concerned.
 */
public final class BundleBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public BundleBuildException(String message) {
        super(message);
    }

    public BundleBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
