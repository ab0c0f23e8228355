package org.oversight.domain.chain;

import java.util.Optional;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.event.EventHash;

/**
 * Looks up the hash of the event already recorded at a stream position, so that chain validation
 * can tell a replay from a fork without keeping every hash in memory (the caller's store has them).
 */
@FunctionalInterface
public interface RecordedHashes {
    /**
     * The event hash recorded at {@code seq} of {@code stream}; must be present for every
     * {@code seq} below the stream's {@link StreamHead#nextSeq()}.
     */
    Optional<EventHash> hashAt(StreamId stream, long seq);
}
