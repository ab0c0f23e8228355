package org.oversight.domain.note;

/**
 * One known key that can check note signatures: identified by key name and 32-bit key id, as in a
 * signature line. Implementations exist per C2SP signature type ({@link Ed25519NoteVerifier} for
 * type 0x01); a tlog-cosignature verifier (type 0x04) plugs in the same way.
 */
public interface NoteVerifier {
    /** The key name, valid per {@link NoteKeyNames}. */
    String keyName();

    /** The 32-bit key id, as stored big-endian in front of the signature. */
    int keyId();

    /**
     * Whether {@code signature} (the decoded signature bytes after the 4-byte key id) is this key's
     * valid signature over {@code text} (the note text, final newline included).
     */
    boolean verify(byte[] text, byte[] signature);
}
