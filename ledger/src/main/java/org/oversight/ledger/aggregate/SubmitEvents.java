package org.oversight.ledger.aggregate;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Command: record several events of ONE stream, in order, each as the leaf at its command's leaf
 * index — one aggregate invocation instead of one command dispatch per event. The aggregate checks
 * and applies them exactly as it would the same {@link SubmitEvent}s one after another, and stops
 * at the first rejection (so nothing of the command is applied).
 *
 * <p>The caller guarantees that no other event takes a leaf between the first and the last of
 * them whose effect on the {@link LedgerRegistry} could change a check (the ingest path groups only
 * events that leave the registry unchanged, see {@link LedgerRegistry#leavesUnchanged}).
 *
 * @param stream the aggregate id, the stream of every event
 * @param events at least one, in stream order, leaf indices increasing
 */
public record SubmitEvents(@TargetAggregateIdentifier String stream, List<SubmitEvent> events) {
    public SubmitEvents {
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no events for stream " + stream);
        }
        long previous = -1;
        for (SubmitEvent e : events) {
            if (!e.stream().equals(stream)) {
                throw new IllegalArgumentException("event of stream " + e.stream() + " in command for " + stream);
            }
            if (e.leafIndex() <= previous) {
                throw new IllegalArgumentException("leaf index " + e.leafIndex() + " <= previous " + previous);
            }
            previous = e.leafIndex();
        }
    }
}
