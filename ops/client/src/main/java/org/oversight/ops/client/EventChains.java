package org.oversight.ops.client;

import java.time.Clock;
import java.util.Objects;
import java.util.TreeMap;
import org.oversight.domain.event.EventPayload;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * One {@link StreamWriter} per stream, chosen by the payload's stream: the emitter side of a whole
 * scenario (or a simulator) that writes to many streams. Not thread-safe.
 */
public final class EventChains {
    private final Clock clock;
    private final TreeMap<StreamId, StreamWriter> writers = new TreeMap<>();

    public EventChains(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Signs {@code payload} as the next event of its stream (see {@link StreamWriter#next}). */
    public SignedEvent next(EventPayload payload, Principal signer) {
        return writer(payload.stream()).next(payload, signer);
    }

    /** Signs {@code payload} at its stream's head without advancing it (see {@link StreamWriter#prepare}). */
    public SignedEvent prepare(EventPayload payload, Principal signer) {
        return writer(payload.stream()).prepare(payload, signer);
    }

    /** Records an event appended by someone else (see {@link StreamWriter#observe}). */
    public void observe(SignedEvent event) {
        writer(event.stream()).observe(event);
    }

    /** The writer of {@code stream}, created empty on first use. */
    public StreamWriter writer(StreamId stream) {
        return writers.computeIfAbsent(stream, s -> StreamWriter.open(s, clock));
    }
}
