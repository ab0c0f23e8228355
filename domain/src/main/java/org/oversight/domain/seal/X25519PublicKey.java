package org.oversight.domain.seal;

import java.util.Objects;
import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.seal.hpke.rfc9180.Hpke;

/**
 * An X25519 public key (RFC 7748), the key a record's data key is wrapped to (docs/format.md §12).
 * Text form {@code x25519:} followed by the canonical padded base64 of the 32 bytes (52 characters
 * in all).
 *
 * <p>Only canonical encodings of points that are not of small order are valid: the top bit of the
 * last byte is 0, the little-endian value u is below 2^255 − 19, and X25519 of u with a clamped
 * scalar is not zero (the points of order 1, 2, 4 and 8 would make every HPKE shared secret zero,
 * RFC 9180 §7.1.4). So each key has exactly one text.
 */
public final class X25519PublicKey extends ByteValue {
    /** Length in bytes. */
    public static final int LENGTH = 32;
    /** The text form's prefix. */
    public static final String TEXT_PREFIX = "x25519:";

    private X25519PublicKey(byte[] owned) {
        super(owned);
    }

    /**
     * The key with these 32 bytes.
     *
     * @throws MalformedKeyException naming the bytes if they are not 32, not canonical, or of small order
     */
    public static X25519PublicKey fromBytes(byte[] bytes) throws MalformedKeyException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new MalformedKeyException("X25519 public key length " + bytes.length + " != " + LENGTH);
        }
        byte[] copy = bytes.clone();
        if ((copy[31] & 0x80) != 0) {
            throw new MalformedKeyException("X25519 public key " + org.oversight.domain.bytes.Hex.encode(copy)
                    + " has its top bit set (not canonical)");
        }
        if (!belowFieldPrime(copy)) {
            throw new MalformedKeyException("X25519 public key " + org.oversight.domain.bytes.Hex.encode(copy)
                    + " is not below 2^255 - 19 (not canonical)");
        }
        if (Hpke.isLowOrder(copy)) {
            throw new MalformedKeyException("X25519 public key " + org.oversight.domain.bytes.Hex.encode(copy)
                    + " is a point of small order");
        }
        return new X25519PublicKey(copy);
    }

    /**
     * Parses the text form {@code x25519:<base64 of 32 bytes>} strictly.
     *
     * @throws MalformedKeyException naming the text if the prefix, base64 or key is wrong
     */
    public static X25519PublicKey parse(String text) throws MalformedKeyException {
        Objects.requireNonNull(text, "text");
        if (!text.startsWith(TEXT_PREFIX)) {
            throw new MalformedKeyException("X25519 public key text '" + abbreviate(text) + "' does not start with '"
                    + TEXT_PREFIX + "'");
        }
        byte[] bytes;
        try {
            bytes = StrictBase64.decode(text.substring(TEXT_PREFIX.length()));
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedKeyException("X25519 public key text '" + abbreviate(text) + "': " + e.getMessage());
        }
        return fromBytes(bytes);
    }

    /**
     * The key {@code X25519(k, 9)} of a private key just derived: valid by construction, so the
     * small-order test (a scalar multiplication, paid for every record the vault opens) is skipped.
     * Why it cannot be of small order: the base point has prime order ℓ (2^252 < ℓ < 2^253), and a
     * clamped k is a multiple of 8 in [2^254, 2^255); the multiples of ℓ in that range are 4ℓ … 7ℓ,
     * none of them a multiple of 8 (ℓ is odd), so k·B is never the identity. The canonical-form
     * checks stay (they cost nothing).
     */
    static X25519PublicKey derived(byte[] owned) {
        Objects.requireNonNull(owned, "owned");
        if (owned.length != LENGTH || (owned[31] & 0x80) != 0 || !belowFieldPrime(owned)) {
            throw new IllegalStateException("derived X25519 public key " + org.oversight.domain.bytes.Hex.encode(owned)
                    + " is not a canonical 32-byte u-coordinate");
        }
        return new X25519PublicKey(owned.clone());
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return toByteArray();
    }

    /** {@code x25519:} + canonical padded base64. */
    public String text() {
        return TEXT_PREFIX + StrictBase64.encode(rawBytes());
    }

    @Override
    public String toString() {
        return text();
    }

    private static boolean belowFieldPrime(byte[] le) {
        // p = 2^255 - 19: little-endian ed ff … ff 7f. With the top bit clear, u >= p only if
        // bytes 1..30 are ff, byte 31 is 7f and byte 0 >= ed.
        if ((le[31] & 0xff) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((le[i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (le[0] & 0xff) < 0xed;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
