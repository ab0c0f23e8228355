package org.oversight.domain.crypto;

import org.oversight.domain.bytes.ByteValue;
import org.oversight.domain.bytes.Hex;
import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.internal.BcEd25519;

/**
 * An Ed25519 public key (RFC 8032): 32 bytes, validated at construction, printed as
 * {@code ed25519:<base64>}.
 *
 * <p>Security: construction rejects non-canonical encodings, points off the curve and points
 * outside the prime-order subgroup (including the identity and other small-order points, for
 * which forged signatures are trivial). The decoded point is cached, so each verification costs one
 * BC verification and nothing else of note; construction itself costs about one verification, so
 * build a key object once per key and reuse it.
 */
public final class Ed25519PublicKey extends ByteValue {
    /** Length of a public key in bytes. */
    public static final int LENGTH = 32;

    /** Prefix of the text form (docs/format.md §2). */
    public static final String TEXT_PREFIX = "ed25519:";

    private final BcEd25519.PreparedPublicKey prepared;
    private final KeyId keyId;

    private Ed25519PublicKey(byte[] bytes, BcEd25519.PreparedPublicKey prepared) {
        super(bytes);
        this.prepared = prepared;
        this.keyId = KeyId.ofEd25519(bytes);
    }

    /**
     * Validates and wraps a copy of {@code bytes}.
     *
     * @throws MalformedKeyException if {@code bytes} is not 32 bytes or not a valid public point
     */
    public static Ed25519PublicKey fromBytes(byte[] bytes) throws MalformedKeyException {
        if (bytes.length != LENGTH) {
            throw new MalformedKeyException("public key length " + bytes.length + " != " + LENGTH);
        }
        byte[] copy = bytes.clone();
        BcEd25519.PreparedPublicKey prepared = BcEd25519.prepare(copy);
        if (prepared == null) {
            throw new MalformedKeyException("public key " + Hex.encode(copy)
                    + " is not a canonical Ed25519 point of prime order");
        }
        return new Ed25519PublicKey(copy, prepared);
    }

    /**
     * Parses {@code ed25519:<base64 of 32 bytes>}, strictly: exact lowercase prefix, canonical padded
     * base64, no whitespace.
     *
     * @throws MalformedKeyException naming the text if it is not exactly that form or not a valid key
     */
    public static Ed25519PublicKey parseText(String text) throws MalformedKeyException {
        if (!text.startsWith(TEXT_PREFIX)) {
            throw new MalformedKeyException("public key text '" + abbreviate(text) + "' does not start with '"
                    + TEXT_PREFIX + "'");
        }
        byte[] decoded;
        try {
            decoded = StrictBase64.decode(text.substring(TEXT_PREFIX.length()));
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedKeyException("public key text '" + abbreviate(text) + "': " + e.getMessage());
        }
        return fromBytes(decoded);
    }

    /** Derived from a private key whose seed produced these (trusted) bytes. */
    static Ed25519PublicKey derived(byte[] bytes) {
        BcEd25519.PreparedPublicKey prepared = BcEd25519.prepare(bytes);
        if (prepared == null) {
            throw new IllegalStateException("derived public key failed validation");
        }
        return new Ed25519PublicKey(bytes, prepared);
    }

    /**
     * Checks a signature made by {@link Ed25519PrivateKey#sign} with the same domain over
     * {@code message}.
     *
     * @throws SignatureVerificationException naming this key's id if the signature does not verify
     */
    public void verify(SignatureDomain domain, byte[] message, Ed25519Signature signature)
            throws SignatureVerificationException {
        byte[] framed = domain.frame(message);
        if (!BcEd25519.verify(prepared, signature.bytes(), framed, 0, framed.length)) {
            throw new SignatureVerificationException(keyId, "signature does not verify under key " + keyId
                    + " in domain " + domain + " over a message of " + message.length + " bytes");
        }
    }

    /**
     * {@link #verify} of a message already framed with {@code domain}
     * ({@link SignatureDomain#frame}), without framing it again: the same check, one copy fewer.
     *
     * @throws IllegalArgumentException if {@code framed} does not start with the domain's prefix
     * @throws SignatureVerificationException naming this key's id if the signature does not verify
     */
    public void verifyFramed(SignatureDomain domain, byte[] framed, Ed25519Signature signature)
            throws SignatureVerificationException {
        if (!domain.frames(framed)) {
            throw new IllegalArgumentException("message of " + framed.length + " bytes is not framed in domain " + domain);
        }
        if (!BcEd25519.verify(prepared, signature.bytes(), framed, 0, framed.length)) {
            throw new SignatureVerificationException(keyId, "signature does not verify under key " + keyId
                    + " in domain " + domain + " over a message of " + (framed.length - domain.prefixLength())
                    + " bytes");
        }
    }

    /** RFC 8032 verification of {@code message} exactly as given, for {@link RawEd25519}. */
    boolean verifyUnframed(byte[] message, byte[] signature) {
        return BcEd25519.verify(prepared, signature, message, 0, message.length);
    }

    /** The decoded key, for {@link Ed25519BatchVerifier}. */
    BcEd25519.PreparedPublicKey prepared() {
        return prepared;
    }

    /** The internal array; never escapes this package. */
    byte[] bytes() {
        return rawBytes();
    }

    /** The event-signer key id: a hash of this key (docs/format.md §2). */
    public KeyId keyId() {
        return keyId;
    }

    /** {@code ed25519:<base64>}. */
    public String toText() {
        return TEXT_PREFIX + StrictBase64.encode(rawBytes());
    }

    @Override
    public String toString() {
        return toText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
