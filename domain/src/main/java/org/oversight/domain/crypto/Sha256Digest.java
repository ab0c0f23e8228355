package org.oversight.domain.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.Hex;

/**
 * A SHA-256 digest: exactly 32 bytes, immutable, printed as lowercase hex.
 *
 * <p>Hashing uses the JDK's SHA-256 (SHA-NI accelerated here; docs/design.md §9 measured Bouncy
 * Castle's 7× slower). Equality compares contents in constant time.
 */
public final class Sha256Digest extends ByteValue {
    /** Length of a digest in bytes. */
    public static final int LENGTH = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Sha256Digest::newSha256);

    private Sha256Digest(byte[] bytes) {
        super(bytes);
    }

    /**
     * Wraps a copy of {@code bytes}.
     *
     * @throws IllegalArgumentException if {@code bytes} is not exactly 32 bytes long
     */
    public static Sha256Digest of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("digest length " + bytes.length + " != " + LENGTH);
        }
        return new Sha256Digest(bytes.clone());
    }

    /**
     * Parses 64 lowercase hex digits.
     *
     * @throws Hex.MalformedHexException if {@code hex} is not 64 lowercase hex digits
     */
    public static Sha256Digest fromHex(String hex) throws Hex.MalformedHexException {
        if (hex.length() != 2 * LENGTH) {
            throw new Hex.MalformedHexException("digest hex length " + hex.length() + " != " + 2 * LENGTH);
        }
        return new Sha256Digest(Hex.decode(hex));
    }

    /** SHA-256 of {@code data}. */
    public static Sha256Digest hash(byte[] data) {
        return new Sha256Digest(hashBytes(data));
    }

    /** SHA-256 of {@code prefix || data}, without copying them together. */
    public static Sha256Digest hash(byte[] prefix, byte[] data) {
        MessageDigest md = SHA256.get();
        md.update(prefix);
        md.update(data);
        return new Sha256Digest(md.digest());
    }

    /** Raw SHA-256 of {@code data} as a fresh array (for hot paths that avoid wrapping). */
    public static byte[] hashBytes(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** A per-thread, reset SHA-256 instance for incremental hashing on hot paths. */
    public static MessageDigest threadLocalDigest() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
