package org.oversight.ledger.kurrentlog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.oversight.domain.event.InvalidEventException;
import org.oversight.domain.event.SignedEvent;
import org.oversight.domain.principal.KeyRecord;
import org.oversight.ledger.aggregate.EventRecorded;
import org.oversight.ledger.aggregate.LedgerRegistry;
import org.oversight.ledger.aggregate.StreamAggregate;
import org.oversight.ledger.sequencer.StoredLeaf;

/**
 * The Axon event a {@link StreamAggregate} applies for a leaf, rebuilt from the committed leaf:
 * aggregate = the leaf's stream, sequence number = its stream seq, payload {@link EventRecorded}
 * with the leaf bytes unchanged, metadata leaf index, signer principal and event type — exactly
 * the fields the aggregate sets and reads when it replays its stream.
 */
final class LeafEvents {
    static final String AGGREGATE_TYPE = StreamAggregate.class.getSimpleName();

    private LeafEvents() {}

    /**
     * @param registry the registry after (at least) this leaf; a key's owner never changes once
     *     enrolled (a key is enrolled at most once), so any later state names the same owner
     * @throws IllegalStateException if the committed leaf no longer parses or its signer is unknown
     *     (broken invariants: it passed both checks when it was sequenced)
     */
    static DomainEventMessage<EventRecorded> of(StoredLeaf leaf, LedgerRegistry registry, Instant timestamp) {
        SignedEvent event;
        try {
            event = SignedEvent.parse(leaf.leaf().leafBytes());
        } catch (InvalidEventException e) {
            throw new IllegalStateException("committed leaf " + leaf.index() + " no longer parses: " + e.getMessage(), e);
        }
        KeyRecord signer = registry.key(event.header().signer()).orElseThrow(() -> new IllegalStateException(
                "committed leaf " + leaf.index() + " is signed by key " + event.header().signer()
                        + ", which the registry does not know"));
        MetaData metaData = MetaData.with(EventRecorded.LEAF_INDEX, leaf.index())
                .and(EventRecorded.SIGNER_PRINCIPAL, signer.owner())
                .and(EventRecorded.EVENT_TYPE, event.type().wireName());
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, leaf.leaf().stream(), leaf.leaf().seq(),
                new EventRecorded(new String(leaf.leaf().leafBytes(), StandardCharsets.UTF_8)), metaData,
                eventId(leaf), timestamp);
    }

    /** A deterministic Axon event id per leaf (a name-based UUID of its event hash). */
    static String eventId(StoredLeaf leaf) {
        return UUID.nameUUIDFromBytes(("oversight-leaf:" + leaf.leaf().leafHash().hex())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Whether a stored stream event carries exactly this leaf's bytes. */
    static boolean carries(DomainEventMessage<?> stored, StoredLeaf leaf) {
        return stored.getPayload() instanceof EventRecorded recorded
                && java.util.Arrays.equals(recorded.envelope().getBytes(StandardCharsets.UTF_8), leaf.leaf().leafBytes());
    }
}
