package org.oversight.domain.note;

import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.RawEd25519;

/**
 * A witness's public key for C2SP tlog-cosignature/v1 (Ed25519, signature type 0x04), in the C2SP
 * vkey text form {@code <name>+<8 hex key id>+<base64(0x04 || 32-byte public key)>}, the key id
 * being {@code SHA-256(name || 0x0A || 0x04 || public key)[:4]}.
 *
 * <p>As a {@link NoteVerifier} it plugs into {@link NoteVerifiers}: its {@link #verify(byte[], byte[])}
 * reads the timestamp from the signature bytes and checks the Ed25519 signature over
 * {@link Cosignature#signedMessage}. Because the type byte enters the key id, a cosignature line
 * never matches a log key (type 0x01) of the same name and public key, so checking the log's
 * signature is unaffected by cosignatures and vice versa.
 */
public final class Ed25519CosignatureVerifier implements NoteVerifier {
    private final String keyName;
    private final int keyId;
    private final Ed25519PublicKey publicKey;

    private Ed25519CosignatureVerifier(String keyName, int keyId, Ed25519PublicKey publicKey) {
        this.keyName = keyName;
        this.keyId = keyId;
        this.publicKey = publicKey;
    }

    /**
     * The witness key {@code publicKey} under {@code keyName}; the key id is computed.
     *
     * @throws MalformedKeyException if {@code keyName} is not a valid note key name
     */
    public static Ed25519CosignatureVerifier of(String keyName, Ed25519PublicKey publicKey)
            throws MalformedKeyException {
        String problem = NoteKeyNames.problem(keyName);
        if (problem != null) {
            throw new MalformedKeyException(problem);
        }
        return new Ed25519CosignatureVerifier(keyName, computeKeyId(keyName, publicKey), publicKey);
    }

    /**
     * Parses a witness vkey strictly: valid name, exactly 8 lowercase hex digits, canonical base64 of
     * 33 bytes starting with 0x04, a valid public key, and a key id equal to the computed one.
     *
     * @throws MalformedKeyException naming the part that is wrong
     */
    public static Ed25519CosignatureVerifier parse(String vkey) throws MalformedKeyException {
        TypedNoteKey key = TypedNoteKey.parse(vkey, "witness key", NoteKeyIds.TYPE_COSIGNATURE_V1,
                "0x04, Ed25519 cosignature/v1");
        return new Ed25519CosignatureVerifier(key.name(), key.keyId(), key.publicKey());
    }

    static int computeKeyId(String keyName, Ed25519PublicKey publicKey) {
        return NoteKeyIds.keyId(keyName, NoteKeyIds.TYPE_COSIGNATURE_V1, publicKey.toByteArray());
    }

    /** {@code <name>+<8 hex key id>+<base64(0x04 || public key)>}. */
    public String toVerifierKey() {
        return TypedNoteKey.text(keyName, keyId, NoteKeyIds.TYPE_COSIGNATURE_V1, publicKey);
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

    /** {@code <name>+<8 hex key id>}. */
    public String keyLabel() {
        return keyName + "+" + NoteKeyIds.hex(keyId);
    }

    /**
     * Verifies a cosignature line over the checkpoint's note text.
     *
     * @param checkpointText the checkpoint note's text (final newline included, no signature lines)
     * @return the cosignature, with the witness's timestamp, now trusted as this witness's statement
     * @throws CosignatureVerificationException if the line is not by this key (name and key id), is
     *     not a well-formed cosignature, or its signature does not verify
     */
    public Cosignature verify(byte[] checkpointText, NoteSignature line) throws CosignatureVerificationException {
        if (!line.isFrom(this)) {
            throw new CosignatureVerificationException("signature line by " + line.keyLabel()
                    + " is not by witness key " + keyLabel());
        }
        Cosignature cosignature;
        try {
            cosignature = Cosignature.parse(line);
        } catch (MalformedNoteException e) {
            throw new CosignatureVerificationException(e.reason());
        }
        byte[] message = Cosignature.signedMessage(cosignature.timestamp(), checkpointText);
        if (!RawEd25519.verify(publicKey, message, cosignature.signatureShared())) {
            throw new CosignatureVerificationException("cosignature by " + keyLabel() + " at time "
                    + cosignature.timestamp() + " does not verify over the checkpoint text");
        }
        return cosignature;
    }

    /** {@link NoteVerifier}: whether {@code signature} is a valid cosignature/v1 over {@code text}. */
    @Override
    public boolean verify(byte[] text, byte[] signature) {
        try {
            verify(text, NoteSignature.trusted(keyName, keyId, signature));
            return true;
        } catch (CosignatureVerificationException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519CosignatureVerifier other
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
