package org.oversight.domain.chain;

import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * Checks one event against its stream's head (docs/format.md §5.2). Pure: it reads the head and,
 * for an old seq, the recorded hash at that seq; it changes nothing.
 */
public final class StreamChain {
    private StreamChain() {}

    /** {@link #check(StreamHead, StreamId, long, Optional, EventHash, RecordedHashes)} for an event. */
    public static ChainVerdict check(StreamHead head, SignedEvent event, RecordedHashes recorded) {
        return check(head, event.stream(), event.seq(), event.header().prev(), event.eventHash(), recorded);
    }

    /**
     * The verdict for an event with {@code seq}, {@code prev} and hash {@code hash} in
     * {@code stream} whose head is {@code head}:
     * <ul>
     *   <li>{@code seq > head.nextSeq}: {@link ChainVerdict.Gap};
     *   <li>{@code seq < head.nextSeq}: {@link ChainVerdict.Replay} if {@code hash} equals the hash
     *       recorded at {@code seq}, else {@link ChainVerdict.Fork};
     *   <li>{@code seq == head.nextSeq}: {@link ChainVerdict.Ok} if {@code prev} equals
     *       {@code head.last}, else {@link ChainVerdict.WrongPrev}.
     * </ul>
     *
     * @throws IllegalArgumentException if {@code seq < 0}
     * @throws IllegalStateException if {@code recorded} has no hash for a seq below the head (the
     *     caller's store and head disagree)
     */
    public static ChainVerdict check(StreamHead head, StreamId stream, long seq, Optional<EventHash> prev,
            EventHash hash, RecordedHashes recorded) {
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
        if (seq < 0) {
            throw new IllegalArgumentException("seq " + seq + " < 0");
        }
        long next = head.nextSeq();
        if (seq > next) {
            return new ChainVerdict.Gap(stream, seq, next);
        }
        if (seq < next) {
            EventHash existing = seq == next - 1
                    ? head.last().orElseThrow()
                    : recorded.hashAt(stream, seq).orElseThrow(() -> new IllegalStateException(
                            "no recorded hash at " + stream + " seq " + seq + " < nextSeq " + next));
            return existing.equals(hash)
                    ? new ChainVerdict.Replay(stream, seq, hash)
                    : new ChainVerdict.Fork(stream, seq, existing, hash);
        }
        if (!prev.equals(head.last())) {
            return new ChainVerdict.WrongPrev(stream, seq, head.last(), prev);
        }
        return new ChainVerdict.Ok(stream, seq, head.advance(hash));
    }
}
