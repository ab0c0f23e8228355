package org.oversight.recognition.match;

/** A gallery entry id was added twice. */
public final class DuplicateEntryException extends Exception {
    public DuplicateEntryException(String message) {
        super(message);
    }
}
