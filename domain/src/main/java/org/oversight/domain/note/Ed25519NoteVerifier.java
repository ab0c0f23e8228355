package org.oversight.domain.note;

import org.oversight.domain.bytes.StrictBase64;
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
        String[] parts = verifierKey.split("\\+", 3);
        if (parts.length != 3) {
            throw new MalformedKeyException("verifier key '" + verifierKey + "' is not <name>+<key id>+<key>");
        }
        String name = parts[0];
        String problem = NoteKeyNames.problem(name);
        if (problem != null) {
            throw new MalformedKeyException("verifier key: " + problem);
        }
        Integer keyId = NoteKeyIds.parseHex(parts[1]);
        if (keyId == null) {
            throw new MalformedKeyException("verifier key id '" + parts[1] + "' is not 8 lowercase hex digits");
        }
        Ed25519PublicKey publicKey = Ed25519PublicKey.fromBytes(typedKey(parts[2], "verifier key"));
        int computed = computeKeyId(name, publicKey);
        if (computed != keyId) {
            throw new MalformedKeyException("verifier key id " + parts[1] + " != computed "
                    + NoteKeyIds.hex(computed) + " for key name '" + name + "'");
        }
        return new Ed25519NoteVerifier(name, keyId, publicKey);
    }

    /** Decodes {@code base64(0x01 || 32 bytes)} and returns the 32 bytes. */
    static byte[] typedKey(String base64, String what) throws MalformedKeyException {
        return typedKey(base64, what, NoteKeyIds.TYPE_ED25519, "0x01, Ed25519");
    }

    /** Decodes {@code base64(type || 32 bytes)} and returns the 32 bytes. */
    static byte[] typedKey(String base64, String what, byte type, String typeName) throws MalformedKeyException {
        byte[] typed;
        try {
            typed = StrictBase64.decode(base64);
        } catch (StrictBase64.MalformedBase64Exception e) {
            throw new MalformedKeyException(what + ": " + e.getMessage());
        }
        if (typed.length == 0) {
            throw new MalformedKeyException(what + ": key data is empty");
        }
        if (typed[0] != type) {
            throw new MalformedKeyException(what + ": unsupported signature type 0x"
                    + String.format("%02x", typed[0] & 0xff) + " (only " + typeName + ")");
        }
        if (typed.length != 33) {
            throw new MalformedKeyException(what + ": Ed25519 key data length " + (typed.length - 1) + " != 32");
        }
        byte[] key = new byte[32];
        System.arraycopy(typed, 1, key, 0, 32);
        return key;
    }

    static int computeKeyId(String keyName, Ed25519PublicKey publicKey) {
        return NoteKeyIds.keyId(keyName, NoteKeyIds.TYPE_ED25519, publicKey.toByteArray());
    }

    /** {@code <name>+<8 hex key id>+<base64(0x01 || public key)>}. */
    public String toVerifierKey() {
        byte[] typed = new byte[33];
        typed[0] = NoteKeyIds.TYPE_ED25519;
        System.arraycopy(publicKey.toByteArray(), 0, typed, 1, 32);
        return keyName + "+" + NoteKeyIds.hex(keyId) + "+" + StrictBase64.encode(typed);
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
