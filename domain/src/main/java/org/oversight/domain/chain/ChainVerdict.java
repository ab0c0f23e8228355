package org.oversight.domain.chain;

import java.util.Optional;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.StreamId;

/**
 * The outcome of checking an event against its stream's chain (docs/format.md §5.2). Exactly one
 * of five cases; only {@link Ok} may be appended, {@link Replay} is answered idempotently, the
 * others are rejections.
 */
public sealed interface ChainVerdict {
    /** The stream concerned. */
    StreamId stream();

    /** The event's seq. */
    long seq();

    /** Whether the event is new and fits: {@code seq == nextSeq} and {@code prev == last}. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * This verdict as an {@link Ok}.
     *
     * @throws ChainException carrying this verdict if it is not {@link Ok}
     */
    default Ok requireOk() throws ChainException {
        if (this instanceof Ok ok) {
            return ok;
        }
        throw new ChainException(this);
    }

    /**
     * The event fits the chain and may be appended.
     *
     * @param next the stream head after appending it
     */
    record Ok(StreamId stream, long seq, StreamHead next) implements ChainVerdict {}

    /** Exactly the event already recorded at {@code seq}: an idempotent duplicate, not re-appended. */
    record Replay(StreamId stream, long seq, EventHash hash) implements ChainVerdict {}

    /** {@code seq} is beyond the next expected one: events are missing in between. */
    record Gap(StreamId stream, long seq, long expectedSeq) implements ChainVerdict {}

    /** A different event at an already recorded {@code seq}: someone signed two histories. */
    record Fork(StreamId stream, long seq, EventHash recorded, EventHash offered) implements ChainVerdict {}

    /** {@code seq} is the next one, but {@code prev} is not the hash of the stream's last event. */
    record WrongPrev(StreamId stream, long seq, Optional<EventHash> expected, Optional<EventHash> found)
            implements ChainVerdict {}
}
