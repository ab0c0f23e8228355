package org.oversight.domain.chain;

import java.util.Objects;
import java.util.Optional;
import org.oversight.domain.event.EventHash;

/**
 * The state of one stream's chain: the next expected sequence number and the hash of the last
 * event (empty iff the stream is empty).
 *
 * @param nextSeq number of events in the stream so far = the next event's seq
 * @param last hash of the event at {@code nextSeq - 1}; empty iff {@code nextSeq == 0}
 */
public record StreamHead(long nextSeq, Optional<EventHash> last) {
    /** The head of a stream with no events. */
    public static final StreamHead EMPTY = new StreamHead(0, Optional.empty());

    /**
     * @throws IllegalArgumentException if {@code nextSeq < 0} or {@code last} is present iff
     *     {@code nextSeq == 0}
     */
    public StreamHead {
        Objects.requireNonNull(last, "last");
        if (nextSeq < 0) {
            throw new IllegalArgumentException("nextSeq " + nextSeq + " < 0");
        }
        if ((nextSeq == 0) == last.isPresent()) {
            throw new IllegalArgumentException("nextSeq " + nextSeq + " with last hash " + last);
        }
    }

    /** The head after appending the event with hash {@code hash} at {@code nextSeq}. */
    public StreamHead advance(EventHash hash) {
        return new StreamHead(Math.addExact(nextSeq, 1), Optional.of(hash));
    }
}
