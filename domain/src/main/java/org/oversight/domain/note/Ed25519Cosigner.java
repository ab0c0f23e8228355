package org.oversight.domain.note;

import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.MalformedKeyException;
import org.oversight.domain.crypto.RawEd25519;

/**
 * A witness's signing key for C2SP tlog-cosignature/v1 (Ed25519, type 0x04). Its secret text form
 * mirrors the signed-note signer key (docs/format.md §8.4):
 * {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x04 || 32-byte seed)>}.
 *
 * <p>The caller supplies the timestamp, so signing is deterministic (Ed25519 is) and testable; a
 * witness takes it from its injected clock. Security: {@link #toString} prints only the name and
 * key id.
 */
public final class Ed25519Cosigner {
    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";

    private final Ed25519PrivateKey privateKey;
    private final Ed25519CosignatureVerifier verifier;

    private Ed25519Cosigner(Ed25519PrivateKey privateKey, Ed25519CosignatureVerifier verifier) {
        this.privateKey = privateKey;
        this.verifier = verifier;
    }

    /**
     * The cosigner for {@code privateKey} under {@code keyName}.
     *
     * @throws MalformedKeyException if {@code keyName} is not a valid note key name
     */
    public static Ed25519Cosigner of(String keyName, Ed25519PrivateKey privateKey) throws MalformedKeyException {
        return new Ed25519Cosigner(privateKey, Ed25519CosignatureVerifier.of(keyName, privateKey.publicKey()));
    }

    /**
     * Parses the secret text form strictly (the key id must match the public key derived from the
     * seed). Error messages never contain the seed.
     *
     * @throws MalformedKeyException naming the part that is wrong
     */
    public static Ed25519Cosigner parse(String signerKey) throws MalformedKeyException {
        if (!signerKey.startsWith(PRIVATE_KEY_PREFIX)) {
            throw new MalformedKeyException("witness signer key does not start with '" + PRIVATE_KEY_PREFIX + "'");
        }
        String[] parts = signerKey.substring(PRIVATE_KEY_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new MalformedKeyException("witness signer key is not PRIVATE+KEY+<name>+<key id>+<key>");
        }
        if (!NoteKeyNames.isValid(parts[0])) {
            throw new MalformedKeyException("witness signer key name (" + parts[0].length()
                    + " characters) is empty or contains a space, '+' or a control character");
        }
        Integer keyId = NoteKeyIds.parseHex(parts[1]);
        if (keyId == null) {
            throw new MalformedKeyException("witness signer key id (" + parts[1].length()
                    + " characters) is not 8 lowercase hex digits");
        }
        Ed25519PrivateKey privateKey = Ed25519PrivateKey.fromSeed(TypedNoteKey.typedKey(parts[2],
                "witness signer key", NoteKeyIds.TYPE_COSIGNATURE_V1, "0x04, Ed25519 cosignature/v1"));
        Ed25519Cosigner cosigner = of(parts[0], privateKey);
        if (cosigner.verifier.keyId() != keyId) {
            throw new MalformedKeyException("witness signer key id " + NoteKeyIds.hex(keyId) + " != computed "
                    + NoteKeyIds.hex(cosigner.verifier.keyId()) + " for key name '" + parts[0] + "'");
        }
        return cosigner;
    }

    /** The secret text form {@code PRIVATE+KEY+<name>+<key id>+<base64(0x04 || seed)>}. */
    public String exportSignerKey() {
        byte[] typed = new byte[33];
        typed[0] = NoteKeyIds.TYPE_COSIGNATURE_V1;
        System.arraycopy(privateKey.exportSeed(), 0, typed, 1, 32);
        return PRIVATE_KEY_PREFIX + verifier.keyName() + "+" + NoteKeyIds.hex(verifier.keyId()) + "+"
                + StrictBase64.encode(typed);
    }

    /** The matching witness verifier key. */
    public Ed25519CosignatureVerifier verifier() {
        return verifier;
    }

    /**
     * Cosigns a checkpoint note text at {@code timestamp}.
     *
     * @param checkpointText the checkpoint note's text, final newline included
     * @param timestamp POSIX seconds, {@code >= 0}
     * @throws IllegalArgumentException if {@code timestamp < 0}
     */
    public Cosignature cosign(byte[] checkpointText, long timestamp) {
        byte[] sig = RawEd25519.sign(privateKey, Cosignature.signedMessage(timestamp, checkpointText)).toByteArray();
        return Cosignature.of(verifier.keyName(), verifier.keyId(), timestamp, sig);
    }

    /**
     * Signs {@code message} under signature domain {@code EPOCH_RECIPIENT_V1} (format.md §2.2): the
     * proof that this witness holds an erasure epoch's X25519 key, made with its cosigning key
     * ({@code org.oversight.domain.seal.EpochRecipient.Witness#create}). No other domain is offered,
     * so this cannot be used to sign anything else.
     */
    public org.oversight.domain.crypto.Ed25519Signature signEpochRecipientProof(byte[] message) {
        return privateKey.sign(org.oversight.domain.crypto.SignatureDomain.EPOCH_RECIPIENT_V1, message);
    }

    /** Name and key id only, never the seed. */
    @Override
    public String toString() {
        return "Ed25519Cosigner(" + verifier.keyLabel() + ")";
    }
}
