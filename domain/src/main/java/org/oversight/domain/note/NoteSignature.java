package org.oversight.domain.note;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.oversight.domain.bytes.StrictBase64;

/**
 * One signature line of a note, {@code — <key name> <base64(key id || signature)>}: parsed, not
 * verified.
 */
public final class NoteSignature {
    private final String keyName;
    private final int keyId;
    private final byte[] signature;

    private NoteSignature(String keyName, int keyId, byte[] signature) {
        this.keyName = keyName;
        this.keyId = keyId;
        this.signature = signature;
    }

    /**
     * A signature line's content.
     *
     * @param signature the signature bytes after the key id; at least one byte
     * @throws IllegalArgumentException if the name is invalid or {@code signature} is empty
     */
    public static NoteSignature of(String keyName, int keyId, byte[] signature) {
        String problem = NoteKeyNames.problem(keyName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("empty signature for key " + keyName);
        }
        return new NoteSignature(keyName, keyId, signature.clone());
    }

    static NoteSignature trusted(String keyName, int keyId, byte[] signature) {
        return new NoteSignature(keyName, keyId, signature);
    }

    /** The key name. */
    public String keyName() {
        return keyName;
    }

    /** The 32-bit key id. */
    public int keyId() {
        return keyId;
    }

    /** {@code <name>+<8 hex key id>}, the way keys are named in messages. */
    public String keyLabel() {
        return keyName + "+" + NoteKeyIds.hex(keyId);
    }

    /** A copy of the signature bytes after the key id. */
    public byte[] signature() {
        return signature.clone();
    }

    byte[] signatureBytes() {
        return signature;
    }

    /** Whether this signature was made by the key named by {@code verifier} (same name and id). */
    public boolean isFrom(NoteVerifier verifier) {
        return keyName.equals(verifier.keyName()) && keyId == verifier.keyId();
    }

    /** The line as it appears in a note, with its final newline. */
    public String toLine() {
        byte[] raw = new byte[4 + signature.length];
        raw[0] = (byte) (keyId >>> 24);
        raw[1] = (byte) (keyId >>> 16);
        raw[2] = (byte) (keyId >>> 8);
        raw[3] = (byte) keyId;
        System.arraycopy(signature, 0, raw, 4, signature.length);
        return "\u2014 " + keyName + " " + StrictBase64.encode(raw) + "\n";
    }

    byte[] toLineBytes() {
        return toLine().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature other && keyName.equals(other.keyName) && keyId == other.keyId
                && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return toLine().stripTrailing();
    }
}
