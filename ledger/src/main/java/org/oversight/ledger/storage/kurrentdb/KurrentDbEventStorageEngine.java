package org.oversight.ledger.storage.kurrentdb;

import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadResult;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.SubscribeToAllOptions;
import io.kurrent.dbclient.Subscription;
import io.kurrent.dbclient.SubscriptionFilter;
import io.kurrent.dbclient.SubscriptionListener;
import io.kurrent.dbclient.WrongExpectedVersionException;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import static org.axonframework.eventhandling.EventUtils.upcastAndDeserializeTrackedEvents;

/**
 * Axon {@code EventStorageEngine} on KurrentDB (EventStoreDB) through {@code io.kurrent:kurrentdb-client}.
 *
 * <ul>
 *   <li>One stream per aggregate, named by {@link StreamNames#aggregateStream} from the aggregate id
 *       alone; stream revision = Axon sequence number.</li>
 *   <li>Appends: the events of one aggregate in a call are one atomic append with expected revision
 *       {@code firstSequence - 1} (no-stream for sequence 0); a conflict raises
 *       {@link ConcurrencyException} ({@link AggregateStreamCreationException} at sequence 0) and stores
 *       nothing for that aggregate. A call spanning several aggregates is atomic per aggregate only,
 *       appended in first-appearance order. Events without an aggregate are rejected.</li>
 *   <li>Tracking: {@code $all} positions as {@link KurrentDbTrackingToken}; a token means "consumed up
 *       to and including this position". Reads from a position are inclusive on the server, so
 *       records at or before the token are dropped; subscriptions are exclusive. Records outside
 *       aggregate streams ({@code $}-system streams, snapshots, other applications) are skipped,
 *       and the read cursor still advances past them.</li>
 *   <li>Snapshots (optional): latest record of {@link StreamNames#snapshotStream}.</li>
 * </ul>
 *
 * <p>The engine does not own the client; the creator shuts it down.
 */
public class KurrentDbEventStorageEngine extends AbstractEventStorageEngine {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    private final KurrentDBClient client;
    private final Duration timeout;
    private final int batchSize;
    private final EventUpcaster upcasters;

    protected KurrentDbEventStorageEngine(Builder builder) {
        super(builder);
        this.client = builder.client;
        this.timeout = builder.timeout;
        this.batchSize = builder.batchSize;
        this.upcasters = builder.upcasters;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- appends

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        Map<String, List<DomainEventMessage<?>>> byAggregate = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domainEvent) || domainEvent.getAggregateIdentifier() == null) {
                throw new IllegalArgumentException("event " + event.getIdentifier() + " of type "
                        + event.getPayloadType().getName() + " has no aggregate; the KurrentDB engine stores only"
                        + " aggregate events");
            }
            byAggregate.computeIfAbsent(domainEvent.getAggregateIdentifier(), id -> new ArrayList<>()).add(domainEvent);
        }
        for (List<DomainEventMessage<?>> aggregateEvents : byAggregate.values()) {
            appendAggregateEvents(aggregateEvents, serializer);
        }
    }

    private void appendAggregateEvents(List<DomainEventMessage<?>> events, Serializer serializer) {
        DomainEventMessage<?> first = events.get(0);
        for (int i = 1; i < events.size(); i++) {
            long expected = first.getSequenceNumber() + i;
            if (events.get(i).getSequenceNumber() != expected) {
                throw new IllegalArgumentException("aggregate " + first.getAggregateIdentifier() + ": sequence "
                        + events.get(i).getSequenceNumber() + " where " + expected + " was expected");
            }
        }
        List<EventData> records = new ArrayList<>(events.size());
        for (DomainEventMessage<?> event : events) {
            records.add(AxonRecordCodec.encode(event, serializer));
        }
        StreamState expected = first.getSequenceNumber() == 0
                ? StreamState.noStream()
                : StreamState.streamRevision(first.getSequenceNumber() - 1);
        String stream = StreamNames.aggregateStream(first.getAggregateIdentifier());
        try {
            await(client.appendToStream(stream, AppendToStreamOptions.get().streamState(expected), records.iterator()));
        } catch (WrongExpectedVersionException e) {
            String message = "aggregate " + first.getAggregateIdentifier() + ": cannot append at sequence "
                    + first.getSequenceNumber() + ", stream " + stream + " is at " + e.getActualState();
            if (first.getSequenceNumber() == 0) {
                throw new AggregateStreamCreationException(message, e);
            }
            throw new ConcurrencyException(message, e);
        }
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        EventData record = AxonRecordCodec.encode(snapshot, serializer);
        await(client.appendToStream(StreamNames.snapshotStream(snapshot.getAggregateIdentifier()),
                AppendToStreamOptions.get().streamState(StreamState.any()), record));
    }

    // ---------------------------------------------------------------- aggregate reads

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String aggregateIdentifier, long firstSequenceNumber) {
        if (firstSequenceNumber < 0) {
            throw new IllegalArgumentException("firstSequenceNumber " + firstSequenceNumber + " < 0");
        }
        String stream = StreamNames.aggregateStream(aggregateIdentifier);
        return Batches.stream(firstSequenceNumber, from -> {
            List<ResolvedEvent> page = readStreamPage(stream, ReadStreamOptions.get().forwards().fromRevision(from)
                    .maxCount(batchSize));
            List<DomainEventData<?>> out = new ArrayList<>(page.size());
            long next = from;
            for (ResolvedEvent event : page) {
                out.add(AxonRecordCodec.decode(event.getOriginalEvent(), true));
                next = event.getOriginalEvent().getRevision() + 1;
            }
            return new Batches.Page<>(out, next, page.size() == batchSize);
        });
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<ResolvedEvent> last = readStreamPage(StreamNames.aggregateStream(aggregateIdentifier),
                ReadStreamOptions.get().backwards().fromEnd().maxCount(1));
        return last.stream().findFirst().map(e -> e.getOriginalEvent().getRevision());
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        List<ResolvedEvent> last = readStreamPage(StreamNames.snapshotStream(aggregateIdentifier),
                ReadStreamOptions.get().backwards().fromEnd().maxCount(1));
        return last.stream().map(e -> AxonRecordCodec.decode(e.getOriginalEvent(), false));
    }

    private List<ResolvedEvent> readStreamPage(String stream, ReadStreamOptions options) {
        try {
            return await(client.readStream(stream, options)).getEvents();
        } catch (StreamNotFoundException e) {
            return List.of();
        }
    }

    // ---------------------------------------------------------------- $all

    /**
     * Reads the aggregate events after {@code trackingToken} ({@code null}: from the start) in
     * {@code $all} order, lazily in pages. {@code mayBlock} is not used: the stream ends at the
     * current end of {@code $all} and Axon's event store polls again.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        KurrentDbTrackingToken after = toToken(trackingToken);
        return Batches.stream(Optional.ofNullable(after), cursor -> readAllPage(cursor));
    }

    private Batches.Page<TrackedEventData<?>, Optional<KurrentDbTrackingToken>> readAllPage(
            Optional<KurrentDbTrackingToken> after) {
        ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(batchSize);
        options = after.isPresent() ? options.fromPosition(after.get().toPosition()) : options.fromStart();
        List<ResolvedEvent> page = await(client.readAll(options)).getEvents();
        List<TrackedEventData<?>> out = new ArrayList<>();
        Optional<KurrentDbTrackingToken> cursor = after;
        for (ResolvedEvent event : page) {
            Position position = positionOf(event);
            // Reads from a position are inclusive: drop what the token already covers.
            if (cursor.isPresent() && !cursor.get().isBefore(position)) {
                continue;
            }
            KurrentDbTrackingToken token = KurrentDbTrackingToken.of(position);
            cursor = Optional.of(token);
            RecordedEvent record = event.getOriginalEvent();
            if (StreamNames.isAggregateStream(record.getStreamId())) {
                out.add(new TrackedDomainEventData<>(token, AxonRecordCodec.decode(record, true)));
            }
        }
        return new Batches.Page<>(out, cursor, page.size() == batchSize);
    }

    /**
     * Subscribes to aggregate events strictly after {@code after} ({@code null}: from the start).
     * Filtering happens on the server (stream-name regex {@code ^agg-}); its checkpoints are passed
     * to {@link TrackedEventListener#onCheckpoint} so a consumer's token also advances across
     * stretches of filtered records.
     *
     * @param checkpointWindow records the server examines per checkpoint (its filter window)
     */
    public AutoCloseable subscribe(TrackingToken after, int checkpointWindow, TrackedEventListener listener) {
        if (checkpointWindow < 1) {
            throw new IllegalArgumentException("checkpointWindow " + checkpointWindow + " < 1");
        }
        Objects.requireNonNull(listener, "listener");
        KurrentDbTrackingToken start = toToken(after);
        SubscriptionFilter filter = SubscriptionFilter.newBuilder()
                .withStreamNameRegularExpression("^" + StreamNames.AGGREGATE_PREFIX)
                .withMaxWindow(checkpointWindow)
                .withCheckpointer((subscription, position) -> {
                    listener.onCheckpoint(KurrentDbTrackingToken.of(position));
                    return CompletableFuture.completedFuture(null);
                }, 1)
                .build();
        SubscribeToAllOptions options = SubscribeToAllOptions.get().filter(filter);
        options = start == null ? options.fromStart() : options.fromPosition(start.toPosition());
        SubscriptionListener adapter = new SubscriptionListener() {
            @Override
            public void onEvent(Subscription subscription, ResolvedEvent event) {
                Position position = positionOf(event);
                // Subscriptions are exclusive of their start; guard anyway, a duplicate would corrupt a consumer.
                if (start != null && !start.isBefore(position)) {
                    return;
                }
                RecordedEvent record = event.getOriginalEvent();
                if (!StreamNames.isAggregateStream(record.getStreamId())) {
                    return;
                }
                TrackedDomainEventData<byte[]> data = new TrackedDomainEventData<>(
                        KurrentDbTrackingToken.of(position), AxonRecordCodec.decode(record, true));
                upcastAndDeserializeTrackedEvents(Stream.of(data), getEventSerializer(), upcasters)
                        .forEach(listener::onEvent);
            }

            @Override
            public void onCancelled(Subscription subscription, Throwable exception) {
                if (exception != null) {
                    listener.onError(exception);
                }
            }
        };
        Subscription subscription = await(client.subscribeToAll(adapter, options));
        return subscription::stop;
    }

    /** Receives a subscription's events and checkpoints, in {@code $all} order, on a client thread. */
    public interface TrackedEventListener {
        void onEvent(TrackedEventMessage<?> event);

        /** The server examined every record up to {@code token}; none after the last event matched. */
        default void onCheckpoint(KurrentDbTrackingToken token) {
        }

        default void onError(Throwable error) {
        }
    }

    // ---------------------------------------------------------------- tokens

    /** {@code null}: before the first record of {@code $all}. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** Position of the last record of {@code $all} (of any stream), or {@code null} if it is empty. */
    @Override
    public TrackingToken createHeadToken() {
        List<ResolvedEvent> last = await(client.readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(1)))
                .getEvents();
        return last.isEmpty() ? null : KurrentDbTrackingToken.of(positionOf(last.get(0)));
    }

    /**
     * Token just before the first record created (server clock) at or after {@code dateTime}. KurrentDB
     * has no time index: this scans {@code $all} from the start, O(records before dateTime).
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        KurrentDbTrackingToken before = null;
        while (true) {
            ReadAllOptions options = ReadAllOptions.get().forwards().maxCount(batchSize);
            options = before == null ? options.fromStart() : options.fromPosition(before.toPosition());
            List<ResolvedEvent> page = await(client.readAll(options)).getEvents();
            for (ResolvedEvent event : page) {
                Position position = positionOf(event);
                if (before != null && !before.isBefore(position)) {
                    continue;
                }
                if (!event.getOriginalEvent().getCreated().isBefore(dateTime)) {
                    return before;
                }
                before = KurrentDbTrackingToken.of(position);
            }
            if (page.size() < batchSize) {
                return before;
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static KurrentDbTrackingToken toToken(TrackingToken token) {
        if (token == null || token instanceof KurrentDbTrackingToken) {
            return (KurrentDbTrackingToken) token;
        }
        throw new IllegalArgumentException("token " + token + " is not a KurrentDbTrackingToken");
    }

    /**
     * The record's own (commit, prepare) position. Not {@link ResolvedEvent#getPosition()}: the 1.1.0
     * client fills that with the commit position twice, and the events of one multi-event append
     * share their commit position, differing only in the prepare position.
     */
    private static Position positionOf(ResolvedEvent event) {
        return event.getOriginalEvent().getPosition();
    }

    /** Waits for a client call; unwraps its failure. */
    private <T> T await(CompletableFuture<T> call) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted waiting for KurrentDB", e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new EventStoreException("KurrentDB did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WrongExpectedVersionException wrong) {
                throw wrong;
            }
            if (cause instanceof StreamNotFoundException notFound) {
                throw notFound;
            }
            throw new EventStoreException("KurrentDB call failed: " + cause, cause);
        }
    }

    /** Builder; {@code client} and serializers are required. */
    public static class Builder extends AbstractEventStorageEngine.Builder {

        private KurrentDBClient client;
        private Duration timeout = Duration.ofSeconds(30);
        private int batchSize = 256;
        private EventUpcaster upcasters = NoOpEventUpcaster.INSTANCE;

        public Builder client(KurrentDBClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Per-call timeout; positive. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout " + timeout + " is not positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Records per read page; in [2, 4096] (a page from a position repeats that position). */
        public Builder batchSize(int batchSize) {
            if (batchSize < 2 || batchSize > 4096) {
                throw new IllegalArgumentException("batchSize " + batchSize + " not in [2, 4096]");
            }
            this.batchSize = batchSize;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            this.upcasters = upcasterChain;
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            if (client == null) {
                throw new AxonConfigurationException("KurrentDbEventStorageEngine needs a KurrentDBClient");
            }
        }

        public KurrentDbEventStorageEngine build() {
            return new KurrentDbEventStorageEngine(this);
        }
    }
}
