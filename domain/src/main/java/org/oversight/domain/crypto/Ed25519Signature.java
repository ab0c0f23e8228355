package org.oversight.domain.crypto;

import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.StrictBase64;

/** An Ed25519 signature (RFC 8032): exactly 64 bytes, immutable, printed as lowercase hex. */
public final class Ed25519Signature extends ByteValue {
    /** Length of a signature in bytes. */
    public static final int LENGTH = 64;

    private Ed25519Signature(byte[] bytes) {
        super(bytes);
    }

    /**
     * Wraps a copy of {@code bytes}.
     *
     * @throws MalformedSignatureException if {@code bytes} is not exactly 64 bytes long
     */
    public static Ed25519Signature fromBytes(byte[] bytes) throws MalformedSignatureException {
        if (bytes.length != LENGTH) {
            throw new MalformedSignatureException("signature length " + bytes.length + " != " + LENGTH);
        }
        return new Ed25519Signature(bytes.clone());
    }

    /**
     * Parses canonical padded base64 of 64 bytes.
     *
     * @throws MalformedSignatureException if {@code text} is not canonical base64 of 64 bytes
     */
    public static Ed25519Signature fromBase64(String text) throws MalformedSignatureException {
        try {
            return fromBytes(StrictBase64.decode(text));
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedSignatureException("signature: " + e.getMessage());
        }
    }

    /** Takes ownership of a fresh array known to be 64 bytes (from the signer). */
    static Ed25519Signature wrap(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalStateException("signer produced " + bytes.length + " bytes");
        }
        return new Ed25519Signature(bytes);
    }

    /** The internal array, for verification without a copy; never escapes this package. */
    byte[] bytes() {
        return rawBytes();
    }

    /** Standard padded base64. */
    public String toBase64() {
        return StrictBase64.encode(rawBytes());
    }
}
