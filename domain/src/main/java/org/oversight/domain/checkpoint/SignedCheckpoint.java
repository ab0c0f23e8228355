package org.oversight.domain.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.note.Cosignature;
import org.oversight.domain.note.MalformedNoteException;
import org.oversight.domain.note.Note;
import org.oversight.domain.note.NoteSignature;
import org.oversight.domain.note.NoteSigner;
import org.oversight.domain.note.NoteVerificationException;
import org.oversight.domain.note.NoteVerifier;
import org.oversight.domain.note.NoteVerifiers;

/**
 * A checkpoint in a C2SP signed note: the log's signature, and any other signatures (witness
 * cosignatures, a rotated log key) that travel with it.
 *
 * <p>Parsing does not verify: {@link #verify} must succeed before the checkpoint is trusted. Other
 * signatures are kept in {@link #note()} untouched, so tlog-cosignature checks can be layered on
 * top (a witness {@link NoteVerifier} for signature type 0x04 and a quorum rule) without changing
 * this class's format.
 */
public final class SignedCheckpoint {
    private final Checkpoint checkpoint;
    private final Note note;

    private SignedCheckpoint(Checkpoint checkpoint, Note note) {
        this.checkpoint = checkpoint;
        this.note = note;
    }

    /**
     * Signs {@code checkpoint} with the log's key.
     *
     * @throws IllegalArgumentException if the key's name is not the checkpoint's origin (Oversight
     *     makes tlog-checkpoint's "SHOULD match" a rule: docs/format.md §8.3)
     */
    public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner logKey) {
        if (!logKey.keyName().equals(checkpoint.origin())) {
            throw new IllegalArgumentException("log key name '" + logKey.keyName() + "' != checkpoint origin '"
                    + checkpoint.origin() + "'");
        }
        try {
            return new SignedCheckpoint(checkpoint, Note.sign(checkpoint.toNoteText(), List.of(logKey)));
        } catch (MalformedNoteException e) {
            // Checkpoint.of admits only lines that make a valid note text, and NoteSigner names are valid.
            throw new IllegalStateException("checkpoint text is not a valid note text: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a signed checkpoint without verifying it.
     *
     * @throws MalformedNoteException if the bytes are not a well-formed signed note
     * @throws MalformedCheckpointException if the note text is not a checkpoint
     */
    public static SignedCheckpoint parse(byte[] signedNote) throws MalformedNoteException, MalformedCheckpointException {
        Note note = Note.parse(signedNote);
        return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
    }

    /** Wraps an already parsed note whose text is a checkpoint. */
    public static SignedCheckpoint fromNote(Note note) throws MalformedCheckpointException {
        return new SignedCheckpoint(Checkpoint.parse(note.text()), note);
    }

    /**
     * Verifies the log's signature and the origin: the note must carry a valid signature by
     * {@code logKey}, no signature by that key may fail, and the origin line must equal
     * {@code expectedOrigin}. Signatures by other keys are ignored here.
     *
     * @return the checkpoint, now trusted as the log's statement
     * @throws NoteVerificationException if the log key's signature is missing or invalid
     * @throws CheckpointVerificationException if the origin is not {@code expectedOrigin}
     */
    public Checkpoint verify(String expectedOrigin, NoteVerifier logKey)
            throws NoteVerificationException, CheckpointVerificationException {
        NoteVerifiers.of(logKey).verify(note).requireSignedBy(logKey);
        if (!checkpoint.origin().equals(expectedOrigin)) {
            throw new CheckpointVerificationException("checkpoint origin '" + checkpoint.origin()
                    + "' != expected '" + expectedOrigin + "'");
        }
        return checkpoint;
    }

    /**
     * This checkpoint with {@code cosignatures} attached after its existing signature lines (replacing
     * any earlier line by the same witness key), the log's signature staying first.
     *
     * @throws MalformedNoteException if the note would exceed {@link Note#MAX_SIGNATURES} lines
     */
    public SignedCheckpoint withCosignatures(List<Cosignature> cosignatures) throws MalformedNoteException {
        List<NoteSignature> lines = new ArrayList<>();
        for (Cosignature c : cosignatures) {
            lines.add(c.toNoteSignature());
        }
        return new SignedCheckpoint(checkpoint, note.withSignatures(lines));
    }

    /** The checkpoint as parsed (unverified unless {@link #verify} succeeded). */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** The signed note, with all its signatures. */
    public Note note() {
        return note;
    }

    /** The signed note's bytes. */
    public byte[] toBytes() {
        return note.toBytes();
    }

    @Override
    public String toString() {
        return note.format();
    }
}
