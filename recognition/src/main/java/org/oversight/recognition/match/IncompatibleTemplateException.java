package org.oversight.recognition.match;

/** Templates from different models (different {@code ModelId}) cannot be compared. */
public final class IncompatibleTemplateException extends Exception {
    public IncompatibleTemplateException(String message) {
        super(message);
    }
}
