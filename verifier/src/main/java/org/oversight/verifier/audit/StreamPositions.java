package org.oversight.verifier.audit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Optional;
import org.oversight.domain.chain.RecordedHashes;
import org.oversight.domain.event.EventHash;
import org.oversight.domain.event.StreamId;
import org.oversight.domain.merkle.rfc6962.HashSourceException;

/**
 * Where each accepted event of each stream sits in the log: the leaf index by stream and seq (8
 * bytes per event), with the hashes themselves read back from the {@link LeafHashFile}. This is
 * the {@link RecordedHashes} the replayer needs to tell a replay from a fork at an old seq.
 */
final class StreamPositions implements RecordedHashes {
    /** One stream's leaf indices by seq; {@code count} of them are set. */
    private static final class Positions {
        long[] leaves = new long[4];
        int count;
    }

    // Only looked up, never iterated, so a hash map cannot make the audit's output depend on
    // iteration order; one lookup per recorded event (this runs once per leaf in the ordered pass).
    private final HashMap<StreamId, Positions> streams = new HashMap<>();
    private final LeafHashFile hashes;

    StreamPositions(LeafHashFile hashes) {
        this.hashes = hashes;
    }

    /**
     * Records that the event at {@code seq} of {@code stream} is leaf {@code leafIndex}.
     *
     * @throws IllegalStateException if {@code seq} is not the stream's next seq (the replayer
     *     accepted an event out of order: a broken invariant)
     */
    void record(StreamId stream, long seq, long leafIndex) {
        Positions p = streams.computeIfAbsent(stream, s -> new Positions());
        if (seq != p.count) {
            throw new IllegalStateException("stream " + stream + ": recording seq " + seq + ", expected " + p.count);
        }
        if (p.count == p.leaves.length) {
            p.leaves = Arrays.copyOf(p.leaves, p.count * 2);
        }
        p.leaves[p.count++] = leafIndex;
    }

    /** The leaf index of the accepted event at {@code seq} of {@code stream}, or -1. */
    long leafOf(StreamId stream, long seq) {
        Positions p = streams.get(stream);
        return p != null && seq >= 0 && seq < p.count ? p.leaves[(int) seq] : -1;
    }

    @Override
    public Optional<EventHash> hashAt(StreamId stream, long seq) {
        long leaf = leafOf(stream, seq);
        if (leaf < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventHash.of(hashes.leafHash(leaf).toByteArray()));
        } catch (HashSourceException e) {
            throw new IllegalStateException("leaf hash " + leaf + " unreadable: " + e.getMessage(), e);
        }
    }
}
