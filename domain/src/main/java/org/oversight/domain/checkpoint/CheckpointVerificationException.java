package org.oversight.domain.checkpoint;

/**
 * A correctly signed checkpoint that is not the one expected: it names another log (origin).
 * Signature failures are {@link org.oversight.domain.note.NoteVerificationException}s.
 */
public final class CheckpointVerificationException extends Exception {
    public CheckpointVerificationException(String message) {
        super(message);
    }
}
