package org.oversight.domain.bytes;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Base of the immutable byte values (digests, key ids, signatures, public keys): holds a private
 * array that never escapes, compares in constant time and prints as lowercase hex.
 *
 * <p>Subclasses are final, validate lengths in their factories and hand the constructor an array
 * nobody else holds. Two values are equal only if they are of the same concrete class and hold the
 * same bytes, so a digest never equals a key id with the same bytes.
 *
 * <p>Security: {@link #toString()} prints the bytes; never extend this for secrets (private keys,
 * seeds).
 */
public abstract class ByteValue {
    private final byte[] bytes;
    /** Cached {@link Arrays#hashCode(byte[])}; 0 means not yet computed (racy but benign, like String). */
    private int hash;

    /**
     * Takes ownership of {@code owned}: the caller must not keep or share a reference to it.
     *
     * @throws NullPointerException if {@code owned} is null
     */
    protected ByteValue(byte[] owned) {
        this.bytes = Objects.requireNonNull(owned, "bytes");
    }

    /** The internal array, for subclasses that must read it without a copy; never hand it out. */
    protected final byte[] rawBytes() {
        return bytes;
    }

    /** A copy of the bytes. */
    public final byte[] toByteArray() {
        return bytes.clone();
    }

    /** Number of bytes. */
    public final int length() {
        return bytes.length;
    }

    /** Lowercase hex, two digits per byte. */
    public final String hex() {
        return Hex.encode(bytes);
    }

    /** Same concrete class and same bytes, compared in constant time. */
    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && MessageDigest.isEqual(bytes, ((ByteValue) o).bytes);
    }

    @Override
    public final int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** {@link #hex()} unless a subclass has a more specific text form. */
    @Override
    public String toString() {
        return hex();
    }
}
