package org.oversight.ledger.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage contract every event storage engine of Oversight must meet. Subclasses provide an
 * engine on a real store; the store may already hold data of other tests, so every test uses fresh
 * aggregate ids and reads {@code $all}-style from a head token taken at its start.
 *
 * <p>Contract:
 * <ul>
 *   <li>append: the events of one aggregate in one call are stored atomically, in order, with
 *       payload, metadata, identifier, type and sequence number preserved, and the timestamp to
 *       the millisecond (Axon's JDBC format; the KurrentDB engine truncates alike);</li>
 *   <li>optimistic concurrency: appending at a taken sequence number fails with
 *       {@link ConcurrencyException} ({@link AggregateStreamCreationException} at 0) and stores
 *       nothing of that aggregate's batch;</li>
 *   <li>idempotency: re-appending an already stored event (same identifier, same aggregate and
 *       sequence) is a duplicate ERROR, reported like a conflict (ConcurrencyException, or
 *       AggregateStreamCreationException when it includes sequence 0); the event stays stored once;</li>
 *   <li>read a stream from a sequence number; last sequence number;</li>
 *   <li>read everything after a token: strictly after it, in one total order, tokens increasing;
 *       records the engine does not deliver (store-specific, see {@link #appendSkippedRecords})
 *       are passed over and the tokens of later events cover them;</li>
 *   <li>snapshots: the latest stored snapshot is returned;</li>
 *   <li>restart: after the store and engine are closed and reopened, all of it still holds.</li>
 * </ul>
 */
public abstract class StorageEngineConformanceTest {

    /** Payload of the test events. */
    public record Recorded(String text, long number) {
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    /** The engine under test (a new instance after {@link #reopen}). */
    protected abstract EventStorageEngine engine();

    /** Closes the engine and its store connection (and the store server where the test owns it), then reopens. */
    protected abstract void reopen() throws Exception;

    /**
     * Writes {@code count} records to the store that the engine must pass over when reading
     * everything: KurrentDB — records in non-aggregate streams; JDBC — global-index values consumed
     * without a committed row (the gaps a rolled-back transaction leaves).
     */
    protected abstract void appendSkippedRecords(int count) throws Exception;

    /** Jackson serializer as the service uses (jsr310 registered). */
    protected static Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(new ObjectMapper().findAndRegisterModules()).build();
    }

    /** Aggregate ids with characters a stream name must escape. */
    protected static String newAggregateId() {
        return "camera/7 ü%$" + UUID.randomUUID();
    }

    protected static DomainEventMessage<Recorded> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Camera", aggregateId, sequence,
                new Recorded("event " + sequence + " of " + aggregateId, COUNTER.incrementAndGet()),
                MetaData.with("reviewer", "r-" + sequence));
    }

    private static List<String> ids(List<? extends org.axonframework.eventhandling.EventMessage<?>> events) {
        return events.stream().map(org.axonframework.eventhandling.EventMessage::getIdentifier).toList();
    }

    private List<DomainEventMessage<?>> stream(String aggregateId, long from) {
        return engine().readEvents(aggregateId, from).asStream().collect(Collectors.toList());
    }

    private List<TrackedEventMessage<?>> after(TrackingToken token) {
        return engine().readEvents(token, false).collect(Collectors.toList());
    }

    @Test
    void appendsAndReadsAStream() {
        String id = newAggregateId();
        List<DomainEventMessage<Recorded>> events = List.of(event(id, 0), event(id, 1), event(id, 2));
        engine().appendEvents(events);

        List<DomainEventMessage<?>> read = stream(id, 0);
        assertThat(ids(read)).isEqualTo(ids(events));
        for (int i = 0; i < events.size(); i++) {
            DomainEventMessage<?> got = read.get(i);
            DomainEventMessage<Recorded> sent = events.get(i);
            assertThat(got.getPayload()).isEqualTo(sent.getPayload());
            assertThat(got.getMetaData()).isEqualTo(sent.getMetaData());
            assertThat(got.getSequenceNumber()).isEqualTo(i);
            assertThat(got.getAggregateIdentifier()).isEqualTo(id);
            assertThat(got.getType()).isEqualTo("Camera");
            assertThat(got.getTimestamp()).isEqualTo(sent.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        }
        assertThat(stream(id, 2)).extracting(DomainEventMessage::getSequenceNumber).containsExactly(2L);
        assertThat(engine().lastSequenceNumberFor(id)).contains(2L);
        assertThat(engine().lastSequenceNumberFor(newAggregateId())).isEmpty();
        assertThat(stream(newAggregateId(), 0)).isEmpty();
    }

    @Test
    void rejectsAConflictingAppendAndStoresNothingOfItsBatch() {
        String id = newAggregateId();
        engine().appendEvents(event(id, 0), event(id, 1));

        assertThatThrownBy(() -> engine().appendEvents(event(id, 1), event(id, 2)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine().appendEvents(event(id, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(stream(id, 0)).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(engine().lastSequenceNumberFor(id)).contains(1L);
        engine().appendEvents(event(id, 2));
        assertThat(engine().lastSequenceNumberFor(id)).contains(2L);
    }

    @Test
    void reportsARepeatedEventAsDuplicateAndKeepsItOnce() {
        String id = newAggregateId();
        DomainEventMessage<Recorded> first = event(id, 0);
        DomainEventMessage<Recorded> second = event(id, 1);
        engine().appendEvents(first, second);

        assertThatThrownBy(() -> engine().appendEvents(second)).isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine().appendEvents(first, second))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(ids(stream(id, 0))).containsExactly(first.getIdentifier(), second.getIdentifier());
    }

    @Test
    void readsEverythingStrictlyAfterAToken() {
        TrackingToken start = engine().createHeadToken();
        String a = newAggregateId();
        String b = newAggregateId();
        List<DomainEventMessage<Recorded>> appended = List.of(event(a, 0), event(b, 0), event(a, 1), event(b, 1));
        engine().appendEvents(appended.get(0), appended.get(2));
        engine().appendEvents(appended.get(1));
        engine().appendEvents(appended.get(3));
        List<String> order = List.of(appended.get(0).getIdentifier(), appended.get(2).getIdentifier(),
                appended.get(1).getIdentifier(), appended.get(3).getIdentifier());

        List<TrackedEventMessage<?>> all = after(start);
        assertThat(ids(all)).isEqualTo(order);
        for (int i = 1; i < all.size(); i++) {
            TrackingToken earlier = all.get(i - 1).trackingToken();
            TrackingToken later = all.get(i).trackingToken();
            assertThat(later.covers(earlier)).as("token %d covers token %d", i, i - 1).isTrue();
            assertThat(earlier.covers(later)).as("token %d does not cover token %d", i - 1, i).isFalse();
        }
        // A position read is exclusive of the token's own event, also inside one multi-event append.
        assertThat(ids(after(all.get(0).trackingToken()))).isEqualTo(order.subList(1, 4));
        assertThat(ids(after(all.get(1).trackingToken()))).isEqualTo(order.subList(2, 4));
        assertThat(after(all.get(3).trackingToken())).isEmpty();
        assertThat(engine().createHeadToken().covers(all.get(3).trackingToken())).isTrue();
    }

    @Test
    void passesOverSkippedRecordsAndAdvancesTheToken() throws Exception {
        TrackingToken start = engine().createHeadToken();
        appendSkippedRecords(5);
        String id = newAggregateId();
        engine().appendEvents(event(id, 0));
        appendSkippedRecords(300);
        engine().appendEvents(event(id, 1));
        appendSkippedRecords(2);

        List<TrackedEventMessage<?>> read = after(start);
        assertThat(read).extracting(e -> ((DomainEventMessage<?>) e).getSequenceNumber()).containsExactly(0L, 1L);
        assertThat(after(read.get(0).trackingToken())).extracting(TrackedEventMessage::getIdentifier)
                .containsExactly(read.get(1).getIdentifier());
        assertThat(after(read.get(1).trackingToken())).isEmpty();
    }

    @Test
    void returnsTheLatestSnapshot() {
        String id = newAggregateId();
        engine().appendEvents(event(id, 0), event(id, 1), event(id, 2));
        assertThat(engine().readSnapshot(id)).isEmpty();

        engine().storeSnapshot(new GenericDomainEventMessage<>("Camera", id, 1, new Recorded("state@1", 1)));
        engine().storeSnapshot(new GenericDomainEventMessage<>("Camera", id, 2, new Recorded("state@2", 2)));

        assertThat(engine().readSnapshot(id)).hasValueSatisfying(snapshot -> {
            assertThat(snapshot.getSequenceNumber()).isEqualTo(2);
            assertThat(snapshot.getPayload()).isEqualTo(new Recorded("state@2", 2));
        });
    }

    @Test
    void keepsEverythingAcrossARestart() throws Exception {
        TrackingToken start = engine().createHeadToken();
        String id = newAggregateId();
        DomainEventMessage<Recorded> first = event(id, 0);
        DomainEventMessage<Recorded> second = event(id, 1);
        engine().appendEvents(first, second);

        reopen();

        assertThat(ids(stream(id, 0))).containsExactly(first.getIdentifier(), second.getIdentifier());
        assertThat(stream(id, 0).get(1).getPayload()).isEqualTo(second.getPayload());
        assertThat(ids(after(start))).containsExactly(first.getIdentifier(), second.getIdentifier());
        assertThatThrownBy(() -> engine().appendEvents(event(id, 1))).isInstanceOf(ConcurrencyException.class);
        engine().appendEvents(event(id, 2));
        assertThat(engine().lastSequenceNumberFor(id)).contains(2L);
    }
}
