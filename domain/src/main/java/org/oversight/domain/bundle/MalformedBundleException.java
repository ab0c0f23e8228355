package org.oversight.domain.bundle;

/**
 * An evidence bundle's bytes are not a well-formed bundle (docs/format.md §11): not canonical JSON,
 * a missing, unknown or mistyped member, or a value outside its constraints. The message names the
 * offending member's path and value.
 */
public final class MalformedBundleException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedBundleException(String message) {
        super(message);
    }

    public MalformedBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
