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
        requireLength("skR", skR, KEY_LENGTH);
        return openBase(enc, skR, BcHpke.publicKey(skR.clone()), info, aad, ct);
    }

    /**
     * {@code OpenBase(enc, skR, info, aad, ct)} with the recipient's public key {@code pkR =
     * X25519(skR, 9)} already known (a key holder's cached public key), which saves deriving it
     * again for every message. A {@code pkR} that is not {@code skR}'s public key changes the KEM
     * context (RFC 9180 §4.1), so the open fails; it never opens to anything else.
     *
     * @throws HpkeOpenException if the ciphertext does not authenticate (wrong recipient, info, aad,
     *     or altered enc or ciphertext)
     * @throws IllegalArgumentException if {@code enc}, {@code skR} or {@code pkR} is not 32 bytes
     */
    public static byte[] openBase(byte[] enc, byte[] skR, byte[] pkR, byte[] info, byte[] aad, byte[] ct)
            throws HpkeOpenException {
        requireLength("enc", enc, ENC_LENGTH);
        requireLength("skR", skR, KEY_LENGTH);
        requireLength("pkR", pkR, KEY_LENGTH);
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ct, "ct");
        if (ct.length < TAG_LENGTH) {
            throw new HpkeOpenException("HPKE ciphertext of " + ct.length + " bytes is shorter than its tag");
        }
        if (isLowOrder(enc)) {
            throw new HpkeOpenException("HPKE enc is a low-order X25519 point");
        }
        byte[] pt = BcHpke.openBase(enc.clone(), skR.clone(), pkR.clone(), info.clone(), aad.clone(), ct.clone());
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
     *
     * <p>Decided by comparison with the five u-coordinates of those points (0, 1, p − 1 and the two
     * of order 8, as in libsodium's {@code has_small_order}) after what X25519 itself does to its
     * input: the top bit is ignored (RFC 7748 §5) and u is taken mod p = 2^255 − 19. Equivalent to
     * testing {@code X25519(k, u) == 0} for a clamped k (a multiple of 8 that no point of order ℓ or
     * ℓ' divides), which {@code HpkeLowOrderTest} checks against one scalar multiplication; the
     * comparison costs nothing beside the multiplication it replaces. The input is public (an
     * encapsulated key or a public key), so the comparison need not be constant-time.
     */
    public static boolean isLowOrder(byte[] u) {
        requireLength("u", u, KEY_LENGTH);
        byte[] x = u.clone();
        x[31] &= 0x7f;
        if (atLeastFieldPrime(x)) {
            subtractFieldPrime(x); // x < 2^255 < 2p: one subtraction reduces it
        }
        for (byte[] low : LOW_ORDER) {
            if (java.util.Arrays.equals(x, low)) {
                return true;
            }
        }
        return false;
    }

    /** The u-coordinates (little-endian, reduced) of the points of order 1, 2, 4 and 8 on the curve and its twist. */
    private static final byte[][] LOW_ORDER = {
        u("0000000000000000000000000000000000000000000000000000000000000000"),
        u("0100000000000000000000000000000000000000000000000000000000000000"),
        u("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"),
        u("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"),
        u("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private static byte[] u(String hex) {
        byte[] out = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Whether the little-endian 255-bit {@code x} is ≥ p = 2^255 − 19. */
    private static boolean atLeastFieldPrime(byte[] x) {
        if ((x[0] & 0xff) < 0xed || x[31] != 0x7f) {
            return false;
        }
        for (int i = 1; i < 31; i++) {
            if (x[i] != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /** {@code x − p} for p ≤ x < 2^255: only the low byte survives (x − p ≤ 18). */
    private static void subtractFieldPrime(byte[] x) {
        int low = (x[0] & 0xff) - 0xed;
        java.util.Arrays.fill(x, (byte) 0);
        x[0] = (byte) low;
    }

    static void requireLength(String name, byte[] value, int length) {
        Objects.requireNonNull(value, name);
        if (value.length != length) {
            throw new IllegalArgumentException(name + " is " + value.length + " bytes, not " + length);
        }
    }
}
