package org.oversight.ledger.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.oversight.domain.chain.StreamHead;
import org.oversight.domain.crypto.Ed25519PrivateKey;
import org.oversight.domain.event.EventFixtures;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.EventSigner;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * Client-side stream heads: signs payloads as the next event of their streams, with event id
 * {@code <stream kind>-<stream id>-<seq>} (deterministic, so re-signing gives identical bytes).
 */
public final class Chains {
    private final Map<StreamId, StreamHead> heads = new HashMap<>();

    /** Signs {@code payload} as the next event of its stream, and advances the head. */
    public SignedEvent next(EventPayload payload, Ed25519PrivateKey key) {
        SignedEvent e = peek(payload, key);
        advance(e);
        return e;
    }

    /** Signs {@code payload} as the next event without advancing (for events expected to be rejected). */
    public SignedEvent peek(EventPayload payload, Ed25519PrivateKey key) {
        StreamHead head = heads.getOrDefault(payload.stream(), StreamHead.EMPTY);
        return at(payload, key, head.nextSeq(), head.last());
    }

    /** Signs {@code payload} at an explicit position. */
    public static SignedEvent at(EventPayload payload, Ed25519PrivateKey key, long seq,
            Optional<org.oversight.domain.event.EventHash> prev) {
        String id = payload.stream().kind().wireName() + "-" + payload.stream().id() + "-" + seq;
        return EventSigner.sign(id, seq, prev, EventFixtures.time("2026-11-27T10:00:00.000Z"), payload, key);
    }

    public void advance(SignedEvent e) {
        heads.put(e.stream(), heads.getOrDefault(e.stream(), StreamHead.EMPTY).advance(e.eventHash()));
    }

    public StreamHead head(StreamId stream) {
        return heads.getOrDefault(stream, StreamHead.EMPTY);
    }
}
