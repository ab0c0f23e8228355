package org.oversight.domain.crypto.internal;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The only code that touches Bouncy Castle's Ed25519 (RFC 8032 "pure" Ed25519, no context).
 *
 * <p>Uses BC's low-level static functions: docs/design.md §9 measured them 7–9× faster than the JDK's
 * Ed25519. Public keys are decoded and fully validated once into a {@link PreparedPublicKey}, so
 * each verification skips point decompression; signing passes the cached public key, so it skips
 * the scalar multiplication that would re-derive it.
 */
public final class BcEd25519 {
    public static final int PUBLIC_KEY_SIZE = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SEED_SIZE = Ed25519.SECRET_KEY_SIZE;
    public static final int SIGNATURE_SIZE = Ed25519.SIGNATURE_SIZE;

    private BcEd25519() {}

    /** A decoded, validated public point; opaque outside this package. */
    public static final class PreparedPublicKey {
        private final Ed25519.PublicPoint point;
        private final byte[] encoded;
        /** The odd multiples the batch and cofactored checks use; built on first use ({@link CofactoredEd25519}). */
        volatile EdwardsPoints.Cached[] oddMultiples;

        private PreparedPublicKey(Ed25519.PublicPoint point, byte[] encoded) {
            this.point = point;
            this.encoded = encoded;
        }

        /** The key's 32-byte encoding (not copied: never modified). */
        byte[] encoded() {
            return encoded;
        }
    }

    /**
     * Decodes and fully validates a 32-byte public key: canonical encoding, on the curve, in the
     * prime-order subgroup, not the identity or another small-order point.
     *
     * @return the prepared key, or {@code null} if {@code publicKey} fails validation
     */
    public static PreparedPublicKey prepare(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("public key length " + publicKey.length + " != " + PUBLIC_KEY_SIZE);
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
        return point == null ? null : new PreparedPublicKey(point, publicKey.clone());
    }

    /** The 32-byte public key of a 32-byte seed (RFC 8032 §5.1.5). */
    public static byte[] derivePublicKey(byte[] seed) {
        checkSeed(seed);
        byte[] pk = new byte[PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    /** Fills a fresh 32-byte seed from {@code random}. */
    public static byte[] generateSeed(SecureRandom random) {
        byte[] seed = new byte[SEED_SIZE];
        Ed25519.generatePrivateKey(random, seed);
        return seed;
    }

    /**
     * RFC 8032 §5.1.6 signature of {@code message[offset, offset+length)}.
     *
     * @param publicKey the public key derived from {@code seed} (not re-checked: callers cache it)
     */
    public static byte[] sign(byte[] seed, byte[] publicKey, byte[] message, int offset, int length) {
        checkSeed(seed);
        byte[] sig = new byte[SIGNATURE_SIZE];
        Ed25519.sign(seed, 0, publicKey, 0, message, offset, length, sig, 0);
        return sig;
    }

    /**
     * Verification of a 64-byte signature over {@code message[offset, offset+length)} by
     * docs/format.md §2.1: canonical R, S < L, and the cofactored equation
     * {@code [8][S]B = [8]R + [8][k]A} ({@link CofactoredEd25519}, whose batch check gives the
     * same verdict for every signature).
     *
     * <p>BC's own check runs first because it is fast: it accepts only if R is canonical, S < L and
     * {@code [v]([S]B − R − [k]A)} is the identity for a non-zero v < L of its choosing, which
     * forces {@code [S]B − R − [k]A} into the small-order subgroup, so the cofactored equation
     * holds too. Only what BC rejects (bad signatures, and good ones whose R has a small-order
     * component) pays for the slower cofactored check.
     */
    public static boolean verify(
            PreparedPublicKey publicKey, byte[] signature, byte[] message, int offset, int length) {
        if (signature.length != SIGNATURE_SIZE) {
            return false;
        }
        if (Ed25519.verify(signature, 0, publicKey.point, message, offset, length)) {
            return true;
        }
        return CofactoredEd25519.verify(publicKey, signature, message, offset, length);
    }

    /** BC's check alone, for tests comparing it with the cofactored one. */
    static boolean verifyBouncyCastleOnly(
            PreparedPublicKey publicKey, byte[] signature, byte[] message, int offset, int length) {
        return signature.length == SIGNATURE_SIZE
                && Ed25519.verify(signature, 0, publicKey.point, message, offset, length);
    }

    private static void checkSeed(byte[] seed) {
        if (seed.length != SEED_SIZE) {
            throw new IllegalArgumentException("seed length " + seed.length + " != " + SEED_SIZE);
        }
    }
}
