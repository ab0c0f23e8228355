package org.oversight.ledger.kurrentlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.oversight.ledger.aggregate.EventRecorded;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;

/**
 * Axon's storage engine when the log runs on KurrentDB: the {@link KurrentDbEventStorageEngine}
 * for reads, with two changes that make the committed leaves the only source of the aggregate
 * streams (see {@link KurrentDbLogMirror}):
 *
 * <ul>
 *   <li>{@link #appendEvents} stores nothing: the stream aggregates' {@link EventRecorded} events are
 *       applied inside the ingest transaction, whose outcome is not known yet; the mirror writes them
 *       from the leaves once that transaction has committed (and never if it rolled back). Any other
 *       event is refused, since nothing else may write an aggregate stream of the log.</li>
 *   <li>{@link #readEvents(String, long)} and {@link #lastSequenceNumberFor} first bring the streams up
 *       to the committed log ({@link KurrentDbLogMirror#catchUp()}), so an aggregate is never loaded
 *       without an event the log has sequenced; a full read is also checked against the log's head
 *       of the stream, so an event the log never got (another writer) stops the load. (Events of the
 *       request in progress reach a loading aggregate from Axon's unit of work, as with the JDBC
 *       engine.)</li>
 * </ul>
 */
public final class LogMirroredEventStorageEngine implements EventStorageEngine {
    private final KurrentDbLogMirror mirror;
    private final KurrentDbEventStorageEngine store;

    LogMirroredEventStorageEngine(KurrentDbLogMirror mirror) {
        this.mirror = mirror;
        this.store = mirror.store();
    }

    /**
     * Drops the aggregates' {@link EventRecorded} events (the mirror appends them after commit).
     *
     * @throws IllegalArgumentException for any other event, storing none of {@code events}
     */
    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            if (!EventRecorded.class.equals(event.getPayloadType())) {
                throw new IllegalArgumentException("event " + event.getIdentifier() + " of type "
                        + event.getPayloadType().getName() + ": with the log on KurrentDB only the log's mirror writes"
                        + " aggregate streams, from committed leaves");
            }
        }
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        store.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return store.readEvents(trackingToken, mayBlock);
    }

    /**
     * Catches the streams up with the committed log, then reads; a read from seq 0 (Axon's aggregate
     * load; no snapshots are configured) is checked against the log's head of the stream as it is
     * consumed ({@link LogCheckedDomainEventStream}).
     */
    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        long size = mirror.catchUp();
        DomainEventStream events = store.readEvents(aggregateIdentifier, firstSequenceNumber);
        return firstSequenceNumber == 0
                ? new LogCheckedDomainEventStream(events, mirror, aggregateIdentifier, size) : events;
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return store.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        mirror.catchUp();
        return store.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.createTokenAt(dateTime);
    }
}
