package org.oversight.domain.note;

/**
 * A cosignature that does not establish what it claims: not by the expected witness key, malformed,
 * or its Ed25519 signature does not verify over the cosigned message.
 */
public final class CosignatureVerificationException extends Exception {
    public CosignatureVerificationException(String message) {
        super(message);
    }
}
