package org.oversight.domain.note;

import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.RawEd25519;

/**
 * A C2SP signed-note Ed25519 verifier key (signature type 0x01), text form
 * {@code <name>+<8 hex key id>+<base64(0x01 || 32-byte public key)>}.
 *
 * <p>Signatures are checked over the note text as is (the note format provides the framing), via
 * {@link RawEd25519}.
 */
public final class Ed25519NoteVerifier implements NoteVerifier {
    private final String keyName;
    private final int keyId;
    private final Ed25519PublicKey publicKey;

    private Ed25519NoteVerifier(String keyName, int keyId, Ed25519PublicKey publicKey) {
        this.keyName = keyName;
        this.keyId = keyId;
        this.publicKey = publicKey;
    }

    /**
     * The verifier for {@code publicKey} under {@code keyName}; the key id is computed.
     *
     * @throws MalformedKeyException if {@code keyName} is not a valid note key name
     */
    public static Ed25519NoteVerifier of(String keyName, Ed25519PublicKey publicKey) throws MalformedKeyException {
        String problem = NoteKeyNames.problem(keyName);
        if (problem != null) {
            throw new MalformedKeyException(problem);
        }
        return new Ed25519NoteVerifier(keyName, computeKeyId(keyName, publicKey), publicKey);
    }

    /**
     * Parses a verifier key strictly: valid name, exactly 8 lowercase hex digits, canonical base64
     * of 33 bytes starting with 0x01, a valid public key, and a key id equal to the computed one.
     *
     * @throws MalformedKeyException naming the part that is wrong
     */
    public static Ed25519NoteVerifier parse(String verifierKey) throws MalformedKeyException {
        TypedNoteKey key = TypedNoteKey.parse(verifierKey, "verifier key", NoteKeyIds.TYPE_ED25519, "0x01, Ed25519");
        return new Ed25519NoteVerifier(key.name(), key.keyId(), key.publicKey());
    }

    /** Decodes {@code base64(0x01 || 32 bytes)} and returns the 32 bytes. */
    static byte[] typedKey(String base64, String what) throws MalformedKeyException {
        return TypedNoteKey.typedKey(base64, what, NoteKeyIds.TYPE_ED25519, "0x01, Ed25519");
    }

    static int computeKeyId(String keyName, Ed25519PublicKey publicKey) {
        return NoteKeyIds.keyId(keyName, NoteKeyIds.TYPE_ED25519, publicKey.toByteArray());
    }

    /** {@code <name>+<8 hex key id>+<base64(0x01 || public key)>}. */
    public String toVerifierKey() {
        return TypedNoteKey.text(keyName, keyId, NoteKeyIds.TYPE_ED25519, publicKey);
    }

    /** The Ed25519 public key. */
    public Ed25519PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String keyName() {
        return keyName;
    }

    @Override
    public int keyId() {
        return keyId;
    }

    @Override
    public boolean verify(byte[] text, byte[] signature) {
        return RawEd25519.verify(publicKey, text, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519NoteVerifier other
                && keyName.equals(other.keyName) && keyId == other.keyId && publicKey.equals(other.publicKey);
    }

    @Override
    public int hashCode() {
        return keyName.hashCode() * 31 + publicKey.hashCode();
    }

    @Override
    public String toString() {
        return toVerifierKey();
    }
}
