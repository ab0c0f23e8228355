package org.oversight.domain.seal;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.oversight.domain.seal.hpke.rfc9180.Hpke;

/**
 * An X25519 private key (RFC 7748): 32 bytes, clamped when used. Holds the only copy of its bytes;
 * {@link #destroy()} zeroes them (crypto-shredding of an erasure epoch, docs/format.md §12), after
 * which every use fails.
 *
 * <p>Security: {@link #toString} never prints the key, only its public key. Not thread-safe
 * against a concurrent {@link #destroy()}.
 */
public final class X25519PrivateKey {
    /** Length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] key;
    private final X25519PublicKey publicKey;
    private boolean destroyed;

    private X25519PrivateKey(byte[] owned) {
        this.key = owned;
        this.publicKey = X25519PublicKey.derived(Hpke.publicKey(owned));
    }

    /**
     * The key with these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if not 32 bytes, or if its public key would be of small order
     *     (impossible for a clamped scalar; kept as a precondition)
     */
    public static X25519PrivateKey fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("X25519 private key length " + bytes.length + " != " + LENGTH);
        }
        return new X25519PrivateKey(bytes.clone());
    }

    /** A fresh key of 32 bytes from {@code random}. */
    public static X25519PrivateKey generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        return new X25519PrivateKey(k);
    }

    /** The matching public key {@code X25519(k, 9)}. */
    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /**
     * A copy of the 32 key bytes, for the holder's key store. Callers must zero their copy when done.
     *
     * @throws IllegalStateException if the key was destroyed
     */
    public byte[] exportBytes() {
        requireAlive();
        return key.clone();
    }

    /** Zeroes the key bytes; every later use throws {@link IllegalStateException}. Idempotent. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        destroyed = true;
    }

    /** Whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The key bytes without a copy, for this package's HPKE calls (which copy them again). */
    byte[] raw() {
        requireAlive();
        return key;
    }

    private void requireAlive() {
        if (destroyed) {
            throw new IllegalStateException("X25519 private key of " + publicKey + " was destroyed");
        }
    }

    /** Names the key by its public key; never prints the private bytes. */
    @Override
    public String toString() {
        return "X25519PrivateKey(" + publicKey + (destroyed ? ", destroyed" : "") + ")";
    }
}
