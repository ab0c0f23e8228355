package org.oversight.recognition.template;

/** Bytes that are not a valid face template (wrong length, unknown version, out-of-range value); the message names the value. */
public final class TemplateFormatException extends Exception {
    public TemplateFormatException(String message) {
        super(message);
    }
}
