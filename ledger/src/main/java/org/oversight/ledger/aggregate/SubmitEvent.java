package org.oversight.ledger.aggregate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.oversight.domain.event.SignedEvent;

/**
 * Command: record {@code event} in its stream's aggregate, as the leaf at {@code leafIndex}. The
 * leaf index is the one the sequencer will give it if it is accepted; cross-stream checks (which
 * key was valid, which camera was active) are made at that index. Commands are dispatched locally
 * only (no serialisation), so they carry the parsed envelope.
 *
 * @param stream the aggregate id: the event's stream name, e.g. {@code camera/cam-0042}
 */
public record SubmitEvent(@TargetAggregateIdentifier String stream, SignedEvent event, long leafIndex) {
    public SubmitEvent {
        if (!stream.equals(event.stream().text())) {
            throw new IllegalArgumentException("command stream " + stream + " != event stream " + event.stream().text());
        }
    }

    public static SubmitEvent of(SignedEvent event, long leafIndex) {
        return new SubmitEvent(event.stream().text(), event, leafIndex);
    }
}
