package org.oversight.domain.event;

import org.oversight.domain.crypto.Ed25519PublicKey;
import org.oversight.domain.crypto.KeyId;
import org.oversight.domain.crypto.SignatureDomain;
import org.oversight.domain.crypto.SignatureVerificationException;

/**
 * Checks an event's signature against a given key (docs/format.md §3.4). Which key is the right
 * one at the event's position in the log is the principal registry's decision, not this class's.
 */
public final class EventVerifier {
    private EventVerifier() {}

    /**
     * Verifies that {@code key} is the key the header names and that the signature over
     * {@code "oversight/event/v1\n" || unsignedBytes} is valid under it.
     *
     * @throws EventSignatureException if the key id differs from {@code header.signer} or the
     *     signature does not verify
     */
    public static void verify(SignedEvent event, Ed25519PublicKey key) throws EventSignatureException {
        KeyId id = key.keyId();
        String eventId = event.header().eventId();
        if (!id.equals(event.header().signer())) {
            throw new EventSignatureException(eventId, id,
                    "header names signer " + event.header().signer() + ", not this key", null);
        }
        try {
            key.verifyFramed(SignatureDomain.EVENT_V1, event.signingInput(), event.signature());
        } catch (SignatureVerificationException e) {
            throw new EventSignatureException(eventId, id, "signature does not verify", e);
        }
    }
}
