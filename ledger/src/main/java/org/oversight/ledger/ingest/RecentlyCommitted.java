package org.oversight.ledger.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.oversight.domain.event.SignedEvent;

/**
 * The parsed events of the most recently committed leaves, by leaf index, so that a reader that
 * follows the log closely (the recognition processor) takes them from memory instead of reading
 * and parsing the leaf rows again. Holds at most {@code capacity} consecutive leaves; a gap (a
 * leaf appended by another path) starts it afresh. Callers must fall back to the leaf table for
 * anything it does not hold.
 *
 * <p>Thread-safe.
 */
final class RecentlyCommitted {
    private final SignedEvent[] ring;
    /** Lowest and one past the highest leaf index held. */
    private long start;
    private long end;

    /** @param capacity leaves held, ≥ 1 */
    RecentlyCommitted(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " < 1");
        }
        this.ring = new SignedEvent[capacity];
    }

    /** Records committed leaves {@code firstIndex, firstIndex + 1, ...}. */
    synchronized void append(long firstIndex, List<SignedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        if (firstIndex != end) {
            start = firstIndex;
        }
        for (int i = 0; i < events.size(); i++) {
            ring[slot(firstIndex + i)] = events.get(i);
        }
        end = firstIndex + events.size();
        start = Math.max(start, end - ring.length);
    }

    /** Leaves {@code [from, from + count)}, if all are held. */
    synchronized Optional<List<SignedEvent>> range(long from, int count) {
        if (count < 0 || from < start || from + count > end) {
            return Optional.empty();
        }
        List<SignedEvent> out = new ArrayList<>(count);
        for (long i = from; i < from + count; i++) {
            out.add(ring[slot(i)]);
        }
        return Optional.of(out);
    }

    private int slot(long index) {
        return (int) (index % ring.length);
    }
}
