package org.oversight.domain.event;

import java.util.Optional;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.crypto.Ed25519Signature;
import org.oversight.domain.crypto.SignatureDomain;

/**
 * Builds and signs event envelopes (docs/format.md §3.4). Ed25519 is deterministic, so the same
 * inputs always give the same envelope bytes.
 */
public final class EventSigner {
    private EventSigner() {}

    /**
     * Signs an event whose type, schema, stream and signer are derived from {@code payload} and
     * {@code key}.
     *
     * @param eventId the emitter's id for the event
     * @param seq the event's position in its stream
     * @param prev the previous event's hash in the stream; empty iff {@code seq == 0}
     * @param time the emitter's clock
     * @throws IllegalArgumentException if the header would be invalid (bad id, seq/prev mismatch,
     *     seq not allowed for the type)
     */
    public static SignedEvent sign(String eventId, long seq, Optional<EventHash> prev, Timestamp time,
            EventPayload payload, Ed25519PrivateKey key) {
        EventHeader header = new EventHeader(eventId, payload.type(), payload.schema(),
                payload.stream(), seq, prev, time, key.publicKey().keyId());
        return sign(header, payload, key);
    }

    /**
     * Signs {@code payload} under {@code header}.
     *
     * @throws IllegalArgumentException if header and payload disagree on type or stream, or
     *     {@code header.signer()} is not the id of {@code key}
     */
    public static SignedEvent sign(EventHeader header, EventPayload payload, Ed25519PrivateKey key) {
        SignedEvent.requireConsistent(header, payload);
        if (!header.signer().equals(key.publicKey().keyId())) {
            throw new IllegalArgumentException(
                    "header signer " + header.signer() + " != key id " + key.publicKey().keyId());
        }
        Ed25519Signature sig = key.sign(SignatureDomain.EVENT_V1, SignedEvent.unsignedBytes(header, payload));
        return SignedEvent.assemble(header, payload, sig);
    }
}
