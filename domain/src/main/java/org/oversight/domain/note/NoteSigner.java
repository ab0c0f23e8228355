package org.oversight.domain.note;

/** One key that can sign note texts; the signing counterpart of {@link NoteVerifier}. */
public interface NoteSigner {
    /** The key name, valid per {@link NoteKeyNames}. */
    String keyName();

    /** The 32-bit key id. */
    int keyId();

    /** The signature bytes (without the key id) over {@code text}, the full note text. */
    byte[] sign(byte[] text);
}
