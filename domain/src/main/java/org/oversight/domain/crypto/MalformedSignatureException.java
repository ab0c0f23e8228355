package org.oversight.domain.crypto;

/** Signature bytes or text of the wrong shape (not a verification failure). */
public final class MalformedSignatureException extends Exception {
    public MalformedSignatureException(String message) {
        super(message);
    }
}
