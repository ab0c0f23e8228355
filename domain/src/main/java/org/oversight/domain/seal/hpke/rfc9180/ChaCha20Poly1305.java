package org.oversight.domain.seal.hpke.rfc9180;

import java.util.Objects;
import org.oversight.domain.seal.hpke.rfc9180.internal.BcHpke;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 (the AEAD 0x0003 of RFC 9180): 32-byte key, 12-byte
 * nonce, 16-byte tag appended to the ciphertext. A key must never be used twice with one nonce.
 */
public final class ChaCha20Poly1305 {
    /** Key length in bytes. */
    public static final int KEY_LENGTH = 32;
    /** Nonce length in bytes. */
    public static final int NONCE_LENGTH = 12;
    /** Tag length in bytes. */
    public static final int TAG_LENGTH = 16;

    private ChaCha20Poly1305() {}

    /**
     * Encrypts {@code pt}: the ciphertext followed by the tag.
     *
     * @throws IllegalArgumentException if the key is not 32 bytes or the nonce not 12
     */
    public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] pt) {
        Hpke.requireLength("key", key, KEY_LENGTH);
        Hpke.requireLength("nonce", nonce, NONCE_LENGTH);
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(pt, "pt");
        return BcHpke.aeadSeal(key.clone(), nonce.clone(), aad.clone(), pt.clone());
    }

    /**
     * Decrypts and authenticates {@code ct} (ciphertext || tag).
     *
     * @throws HpkeOpenException if the tag does not verify (wrong key, nonce or aad, or altered bytes)
     * @throws IllegalArgumentException if the key is not 32 bytes or the nonce not 12
     */
    public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ct) throws HpkeOpenException {
        Hpke.requireLength("key", key, KEY_LENGTH);
        Hpke.requireLength("nonce", nonce, NONCE_LENGTH);
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ct, "ct");
        if (ct.length < TAG_LENGTH) {
            throw new HpkeOpenException("AEAD ciphertext of " + ct.length + " bytes is shorter than its tag");
        }
        byte[] pt = BcHpke.aeadOpen(key.clone(), nonce.clone(), aad.clone(), ct.clone());
        if (pt == null) {
            throw new HpkeOpenException("AEAD ciphertext does not authenticate under this key, nonce and aad");
        }
        return pt;
    }
}
