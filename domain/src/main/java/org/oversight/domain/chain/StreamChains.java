package org.oversight.domain.chain;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.event.StreamId;

/**
 * The heads of all streams, for a replayer or an ingest path that processes events in log order.
 * Memory: one head (a seq and a hash) per stream; older hashes come from the caller's
 * {@link RecordedHashes}. Iteration is in stream-name order, so nothing depends on hash order.
 * Not thread-safe: a log has a single writer.
 */
public final class StreamChains {
    private final TreeMap<StreamId, StreamHead> heads = new TreeMap<>();

    /** The head of {@code stream}; {@link StreamHead#EMPTY} if it has no events. */
    public StreamHead head(StreamId stream) {
        return heads.getOrDefault(stream, StreamHead.EMPTY);
    }

    /** The verdict for {@code event} against its stream's current head; changes nothing. */
    public ChainVerdict check(SignedEvent event, RecordedHashes recorded) {
        return StreamChain.check(head(event.stream()), event, recorded);
    }

    /**
     * Records an {@link ChainVerdict.Ok} verdict: the stream's head advances.
     *
     * @throws IllegalStateException if the verdict was computed against a head that is no longer
     *     current (another event was appended to the stream since)
     */
    public void append(ChainVerdict.Ok ok) {
        StreamHead current = head(ok.stream());
        if (current.nextSeq() != ok.seq()) {
            throw new IllegalStateException(
                    "stale verdict for " + ok.stream() + ": seq " + ok.seq() + " != nextSeq " + current.nextSeq());
        }
        heads.put(ok.stream(), ok.next());
    }

    /** Number of non-empty streams. */
    public int streamCount() {
        return heads.size();
    }

    /** All non-empty streams' heads, in stream-name order (read-only view). */
    public NavigableMap<StreamId, StreamHead> heads() {
        return Collections.unmodifiableNavigableMap(heads);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StreamChains{");
        for (Map.Entry<StreamId, StreamHead> e : heads.entrySet()) {
            sb.append(e.getKey()).append('#').append(e.getValue().nextSeq()).append(' ');
        }
        return sb.append('}').toString();
    }
}
