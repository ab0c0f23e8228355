package org.oversight.recognition.embed;

/** Bytes that are not a canonical aligned crop (wrong length). */
public final class InvalidCropException extends Exception {
    public InvalidCropException(String message) {
        super(message);
    }
}
