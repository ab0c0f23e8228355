package org.oversight.recognition.tfjs;

/** A TensorFlow.js weights manifest or weight shard is malformed or inconsistent; the message names the offending value. */
public final class WeightsFormatException extends Exception {
    public WeightsFormatException(String message) {
        super(message);
    }

    public WeightsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
