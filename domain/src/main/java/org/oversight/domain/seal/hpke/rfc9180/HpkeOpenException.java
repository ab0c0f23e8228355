package org.oversight.domain.seal.hpke.rfc9180;

/**
 * An HPKE ciphertext or an AEAD ciphertext does not authenticate under the given key, info and
 * aad: it was made for another recipient or context, or altered.
 */
public final class HpkeOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    public HpkeOpenException(String message) {
        super(message);
    }
}
