package org.oversight.domain.note;

import org.oversight.domain.bytes.StrictBase64;
import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.MalformedKeyException;

/**
 * The C2SP vkey text form {@code <name>+<8 hex key id>+<base64(type || 32-byte key)>} shared by
 * log keys (type 0x01) and witness keys (type 0x04), parsed strictly: split at the first two
 * {@code +} only (base64 may hold {@code +}), a valid key name, exactly 8 lowercase hex digits,
 * canonical base64 of 33 bytes starting with {@code type}, a valid Ed25519 public key, and a key id
 * equal to {@code SHA-256(name || 0x0A || type || key)[:4]}.
 */
record TypedNoteKey(String name, int keyId, Ed25519PublicKey publicKey) {

    /**
     * @param what how messages name the key, e.g. "verifier key" or "witness key"
     * @param typeName the type in words, for the unsupported-type message
     * @throws MalformedKeyException naming the part that is wrong
     */
    static TypedNoteKey parse(String text, String what, byte type, String typeName) throws MalformedKeyException {
        String[] parts = text.split("\\+", 3);
        if (parts.length != 3) {
            throw new MalformedKeyException(what + " '" + text + "' is not <name>+<key id>+<key>");
        }
        String name = parts[0];
        String problem = NoteKeyNames.problem(name);
        if (problem != null) {
            throw new MalformedKeyException(what + ": " + problem);
        }
        Integer keyId = NoteKeyIds.parseHex(parts[1]);
        if (keyId == null) {
            throw new MalformedKeyException(what + " id '" + parts[1] + "' is not 8 lowercase hex digits");
        }
        Ed25519PublicKey publicKey = Ed25519PublicKey.fromBytes(typedKey(parts[2], what, type, typeName));
        int computed = NoteKeyIds.keyId(name, type, publicKey.toByteArray());
        if (computed != keyId) {
            throw new MalformedKeyException(what + " id " + parts[1] + " != computed "
                    + NoteKeyIds.hex(computed) + " for key name '" + name + "'");
        }
        return new TypedNoteKey(name, keyId, publicKey);
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

    /** {@code <name>+<8 hex key id>+<base64(type || key)>}. */
    static String text(String name, int keyId, byte type, Ed25519PublicKey publicKey) {
        byte[] typed = new byte[33];
        typed[0] = type;
        System.arraycopy(publicKey.toByteArray(), 0, typed, 1, 32);
        return name + "+" + NoteKeyIds.hex(keyId) + "+" + StrictBase64.encode(typed);
    }
}
