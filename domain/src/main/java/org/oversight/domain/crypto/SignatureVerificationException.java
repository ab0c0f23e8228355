package org.oversight.domain.crypto;

/**
 * A signature that does not verify under the named key and domain. The message names the key id,
 * so an auditor can tell which signer's claim failed.
 */
public final class SignatureVerificationException extends Exception {
    private final KeyId keyId;

    public SignatureVerificationException(KeyId keyId, String message) {
        super(message);
        this.keyId = keyId;
    }

    /** The id of the key the signature was checked against. */
    public KeyId keyId() {
        return keyId;
    }
}
