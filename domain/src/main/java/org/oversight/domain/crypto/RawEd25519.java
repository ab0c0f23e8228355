package org.oversight.domain.crypto;

/**
 * Ed25519 over bytes exactly as given, WITHOUT Oversight's domain prefix.
 *
 * <p>Use this only for protocols that define their own framing of the signed bytes, such as C2SP
 * signed notes (the signature is over the note text itself, and the note's key id binds the key's
 * name). Everything Oversight itself signs goes through {@link Ed25519PrivateKey#sign} and
 * {@link Ed25519PublicKey#verify} with a {@link SignatureDomain}, so that a signature made for a
 * note can never be replayed as an event signature or vice versa.
 */
public final class RawEd25519 {
    private RawEd25519() {}

    /** RFC 8032 signature of {@code message}. */
    public static Ed25519Signature sign(Ed25519PrivateKey key, byte[] message) {
        return Ed25519Signature.wrap(key.signUnframed(message));
    }

    /**
     * RFC 8032 verification of {@code signature} over {@code message}; {@code false} for a signature
     * of the wrong length.
     */
    public static boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return key.verifyUnframed(message, signature);
    }
}
