package org.oversight.verifier.audit;

import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;
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
    private final TreeMap<StreamId, long[]> leaves = new TreeMap<>();
    private final TreeMap<StreamId, Integer> counts = new TreeMap<>();
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
        int count = counts.getOrDefault(stream, 0);
        if (seq != count) {
            throw new IllegalStateException("stream " + stream + ": recording seq " + seq + ", expected " + count);
        }
        long[] positions = leaves.computeIfAbsent(stream, s -> new long[4]);
        if (count == positions.length) {
            positions = Arrays.copyOf(positions, count * 2);
            leaves.put(stream, positions);
        }
        positions[count] = leafIndex;
        counts.put(stream, count + 1);
    }

    /** The leaf index of the accepted event at {@code seq} of {@code stream}, or -1. */
    long leafOf(StreamId stream, long seq) {
        int count = counts.getOrDefault(stream, 0);
        return seq >= 0 && seq < count ? leaves.get(stream)[(int) seq] : -1;
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
