package org.oversight.domain.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import org.oversight.domain.crypto.internal.BcEd25519;

/**
 * An Ed25519 private key: the 32-byte RFC 8032 seed, with its public key derived once.
 *
 * <p>Security: {@link #toString} never prints the seed (only the public key id); the seed leaves
 * this object only through {@link #exportSeed}, for key storage. Signing is deterministic (RFC 8032),
 * so it needs no randomness.
 */
public final class Ed25519PrivateKey {
    /** Length of a seed in bytes. */
    public static final int SEED_LENGTH = 32;

    private final byte[] seed;
    private final Ed25519PublicKey publicKey;

    private Ed25519PrivateKey(byte[] seed) {
        this.seed = seed;
        this.publicKey = Ed25519PublicKey.derived(BcEd25519.derivePublicKey(seed));
    }

    /**
     * Wraps a copy of a 32-byte seed.
     *
     * @throws MalformedKeyException if {@code seed} is not exactly 32 bytes (the message gives only
     *     the length, never the bytes)
     */
    public static Ed25519PrivateKey fromSeed(byte[] seed) throws MalformedKeyException {
        if (seed.length != SEED_LENGTH) {
            throw new MalformedKeyException("private key seed length " + seed.length + " != " + SEED_LENGTH);
        }
        return new Ed25519PrivateKey(seed.clone());
    }

    /** A new key from {@code random} (inject a seeded/deterministic source only in tests). */
    public static Ed25519PrivateKey generate(SecureRandom random) {
        return new Ed25519PrivateKey(BcEd25519.generateSeed(random));
    }

    /** The matching public key. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    /** Signs {@code domain.prefix() || message}. */
    public Ed25519Signature sign(SignatureDomain domain, byte[] message) {
        byte[] framed = domain.frame(message);
        return Ed25519Signature.wrap(signUnframed(framed));
    }

    /** RFC 8032 signature of {@code message} exactly as given, for {@link RawEd25519}. */
    byte[] signUnframed(byte[] message) {
        return BcEd25519.sign(seed, publicKey.bytes(), message, 0, message.length);
    }

    /**
     * A copy of the secret seed, for writing the key to protected storage or a C2SP signer key. Treat
     * the result as a secret and overwrite it when done.
     */
    public byte[] exportSeed() {
        return seed.clone();
    }

    /** Constant-time comparison of the seeds. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519PrivateKey other && MessageDigest.isEqual(seed, other.seed);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** Names the key by its public key id; never prints the seed. */
    @Override
    public String toString() {
        return "Ed25519PrivateKey(keyId=" + publicKey.keyId() + ")";
    }
}
