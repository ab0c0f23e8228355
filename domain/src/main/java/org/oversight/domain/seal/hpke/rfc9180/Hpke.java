package org.oversight.domain.seal.hpke.rfc9180;

import java.util.Objects;
import org.oversight.domain.seal.hpke.rfc9180.internal.BcHpke;

/**
 * RFC 9180 HPKE in base mode with the suite DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * ChaCha20-Poly1305 (kem 0x0020, kdf 0x0001, aead 0x0003), single-shot: each context seals exactly
 * one message, at sequence number 0.
 *
 * <p>The ephemeral key is an input, not drawn here, so a caller with injected randomness gets
 * reproducible output (the worked example of docs/format.md §12). Security relies on {@code skE}
 * being fresh, uniformly random and used once.
 */
public final class Hpke {
    /** KEM id of DHKEM(X25519, HKDF-SHA256). */
    public static final int KEM_ID = 0x0020;
    /** KDF id of HKDF-SHA256. */
    public static final int KDF_ID = 0x0001;
    /** AEAD id of ChaCha20-Poly1305. */
    public static final int AEAD_ID = 0x0003;
    /** Length of {@code enc} and of X25519 keys. */
    public static final int ENC_LENGTH = 32;
    /** Length of the AEAD tag appended to every ciphertext. */
    public static final int TAG_LENGTH = 16;
    /** Length of an X25519 private or public key. */
    public static final int KEY_LENGTH = 32;

    private Hpke() {}

    /** The result of {@link #sealBase}: the encapsulated key and the ciphertext (pt || tag). */
    public static final class Sealed {
        private final byte[] enc;
        private final byte[] ciphertext;

        Sealed(byte[] enc, byte[] ciphertext) {
            this.enc = enc;
            this.ciphertext = ciphertext;
        }

        /** A copy of {@code enc} (32 bytes: the ephemeral public key). */
        public byte[] enc() {
            return enc.clone();
        }

        /** A copy of the ciphertext (plaintext length + 16). */
        public byte[] ciphertext() {
            return ciphertext.clone();
        }
    }

    /**
     * {@code SealBase(pkR, info, aad, pt)} with ephemeral private key {@code skE}.
     *
     * @throws IllegalArgumentException if {@code pkR} or {@code skE} is not 32 bytes, or
     *     {@code pkR} is a low-order point (the shared secret would be zero)
     */
    public static Sealed sealBase(byte[] pkR, byte[] info, byte[] aad, byte[] pt, byte[] skE) {
        requireLength("pkR", pkR, KEY_LENGTH);
        requireLength("skE", skE, KEY_LENGTH);
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(pt, "pt");
        if (isLowOrder(pkR)) {
            throw new IllegalArgumentException("pkR is a low-order X25519 point");
        }
        byte[][] out = BcHpke.sealBase(pkR.clone(), info.clone(), aad.clone(), pt.clone(), skE.clone());
        return new Sealed(out[0], out[1]);
    }

    /**
     * {@code OpenBase(enc, skR, info, aad, ct)}.
     *
     * @throws HpkeOpenException if the ciphertext does not authenticate (wrong recipient, info, aad,
     *     or altered enc or ciphertext)
     * @throws IllegalArgumentException if {@code enc} or {@code skR} is not 32 bytes
     */
    public static byte[] openBase(byte[] enc, byte[] skR, byte[] info, byte[] aad, byte[] ct) throws HpkeOpenException {
        requireLength("enc", enc, ENC_LENGTH);
        requireLength("skR", skR, KEY_LENGTH);
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ct, "ct");
        if (ct.length < TAG_LENGTH) {
            throw new HpkeOpenException("HPKE ciphertext of " + ct.length + " bytes is shorter than its tag");
        }
        if (isLowOrder(enc)) {
            throw new HpkeOpenException("HPKE enc is a low-order X25519 point");
        }
        byte[] pt = BcHpke.openBase(enc.clone(), skR.clone(), info.clone(), aad.clone(), ct.clone());
        if (pt == null) {
            throw new HpkeOpenException("HPKE ciphertext does not authenticate for this recipient and context");
        }
        return pt;
    }

    /** The X25519 public key {@code X25519(sk, 9)} of a 32-byte private key (RFC 7748 §6.1). */
    public static byte[] publicKey(byte[] sk) {
        requireLength("sk", sk, KEY_LENGTH);
        return BcHpke.publicKey(sk.clone());
    }

    /**
     * Whether {@code u} is a point whose X25519 product with every (clamped) scalar is zero: the
     * points of order 1, 2, 4 and 8 in any encoding.
     */
    public static boolean isLowOrder(byte[] u) {
        requireLength("u", u, KEY_LENGTH);
        // Clamped scalars are multiples of 8, so k·P is the identity (output 0) exactly for the
        // points of small order; one scalar multiplication decides it for every scalar.
        byte[] k = new byte[KEY_LENGTH];
        k[0] = 8;
        k[31] = 0x40;
        byte[] r = BcHpke.x25519(k, u.clone());
        int acc = 0;
        for (byte b : r) {
            acc |= b;
        }
        return acc == 0;
    }

    static void requireLength(String name, byte[] value, int length) {
        Objects.requireNonNull(value, name);
        if (value.length != length) {
            throw new IllegalArgumentException(name + " is " + value.length + " bytes, not " + length);
        }
    }
}
