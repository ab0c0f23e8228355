package org.oversight.domain.note;

/**
 * A well-formed note whose signatures do not establish it: a signature from a known key that does
 * not verify, no verified signature from any known key, or no signature from a required key.
 */
public final class NoteVerificationException extends Exception {
    public NoteVerificationException(String message) {
        super(message);
    }
}
