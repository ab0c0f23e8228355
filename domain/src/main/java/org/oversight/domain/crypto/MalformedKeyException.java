package org.oversight.domain.crypto;

/** Key bytes or key text that do not encode a valid key; the message names the offending value. */
public final class MalformedKeyException extends Exception {
    public MalformedKeyException(String message) {
        super(message);
    }
}
