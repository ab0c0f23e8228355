package org.oversight.ops.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Submission → inclusion in a signed checkpoint: remembers, per acknowledged leaf index, when the
 * event was submitted (its due time), and when a checkpoint of size {@code n} is observed records
 * {@code observed − submitted} for every pending leaf below {@code n}. Thread-safe: senders call
 * {@link #acknowledged}, one checkpoint poller calls {@link #checkpointSeen}.
 */
public final class InclusionTracker {
    private final ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
    private final LatencySamples latencies = new LatencySamples();
    private volatile long largestSize;

    /**
     * Records that the event at {@code leafIndex}, submitted at {@code submittedNanos}, was
     * acknowledged. A leaf already under an observed checkpoint is resolved at once by the next
     * {@link #checkpointSeen} call.
     */
    public void acknowledged(long leafIndex, long submittedNanos) {
        if (leafIndex < 0) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " < 0");
        }
        pending.put(leafIndex, submittedNanos);
    }

    /**
     * A signed checkpoint of {@code treeSize} leaves was first seen at {@code observedNanos}; returns
     * how many pending leaves it resolved. Only one thread may call this.
     */
    public int checkpointSeen(long treeSize, long observedNanos) {
        largestSize = Math.max(largestSize, treeSize);
        ConcurrentNavigableMap<Long, Long> covered = pending.headMap(largestSize);
        int n = 0;
        for (Map.Entry<Long, Long> e : covered.entrySet()) {
            latencies.add(Math.max(0, observedNanos - e.getValue()));
            n++;
        }
        covered.clear();
        return n;
    }

    /** Acknowledged leaves not yet under an observed checkpoint. */
    public int pendingCount() {
        return pending.size();
    }

    public long largestSize() {
        return largestSize;
    }

    /** The recorded latencies; call after the poller has stopped. */
    public LatencySamples latencies() {
        return latencies;
    }
}
