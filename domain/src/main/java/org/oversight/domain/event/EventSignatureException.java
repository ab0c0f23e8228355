package org.oversight.domain.event;

import org.oversight.domain.crypto.KeyId;

/**
 * A well-formed event's signature does not verify against the key it was checked with, or that
 * key is not the one its header names (docs/format.md §3.4). The message names the event id and
 * the key id.
 */
public final class EventSignatureException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient KeyId keyId;

    public EventSignatureException(String eventId, KeyId keyId, String problem, Throwable cause) {
        super("event " + eventId + ", key " + keyId + ": " + problem, cause);
        this.keyId = keyId;
    }

    /** The key the signature was checked against. */
    public KeyId keyId() {
        return keyId;
    }
}
