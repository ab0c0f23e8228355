package org.oversight.domain.note;

import java.util.List;

/**
 * A note accepted by {@link NoteVerifiers#verify}: at least one signature from a known key verified,
 * and none from a known key failed. Signatures from unknown keys are kept, unverified.
 */
public final class VerifiedNote {
    private final Note note;
    private final List<NoteSignature> verified;
    private final List<NoteSignature> unverified;

    VerifiedNote(Note note, List<NoteSignature> verified, List<NoteSignature> unverified) {
        this.note = note;
        this.verified = List.copyOf(verified);
        this.unverified = List.copyOf(unverified);
    }

    /** The note as parsed. */
    public Note note() {
        return note;
    }

    /** The note text, now trustworthy to the extent the verified keys are. */
    public String text() {
        return note.text();
    }

    /** Signatures by known keys, each verified, in note order (one per key). */
    public List<NoteSignature> verifiedSignatures() {
        return verified;
    }

    /** Signatures by keys the verifier set does not know, in note order; not checked. */
    public List<NoteSignature> unverifiedSignatures() {
        return unverified;
    }

    /** Whether a verified signature came from {@code key}. */
    public boolean isSignedBy(NoteVerifier key) {
        return verified.stream().anyMatch(s -> s.isFrom(key));
    }

    /**
     * Requires a verified signature from {@code key}.
     *
     * @throws NoteVerificationException naming the key if it did not sign
     */
    public VerifiedNote requireSignedBy(NoteVerifier key) throws NoteVerificationException {
        if (!isSignedBy(key)) {
            throw new NoteVerificationException("note has no verified signature by required key "
                    + key.keyName() + "+" + NoteKeyIds.hex(key.keyId()));
        }
        return this;
    }
}
