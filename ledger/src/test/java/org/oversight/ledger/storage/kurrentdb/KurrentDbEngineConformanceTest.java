package org.oversight.ledger.storage.kurrentdb;

import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.SubscribeToAllOptions;
import io.kurrent.dbclient.Subscription;
import io.kurrent.dbclient.SubscriptionListener;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.oversight.ledger.storage.StorageEngineConformanceTest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite for the KurrentDB engine plus what only KurrentDB has: subscriptions and the
 * server's inclusive-read / exclusive-subscription semantics. Subclasses say which server.
 */
abstract class KurrentDbEngineConformanceTest extends StorageEngineConformanceTest {

    private KurrentDBClient client;
    private KurrentDbEventStorageEngine engine;

    /** Connection string of the server under test (may change after {@link #restartServer}). */
    protected abstract String connectionString();

    /** Restarts the server where the test controls it; a no-op against an external server. */
    protected abstract void restartServer() throws Exception;

    private void connect() {
        client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(connectionString()));
        engine = KurrentDbEventStorageEngine.builder()
                .client(client)
                .timeout(Duration.ofSeconds(20))
                .batchSize(64)
                .eventSerializer(serializer())
                .snapshotSerializer(serializer())
                .build();
    }

    @AfterEach
    void disconnect() throws Exception {
        if (client != null) {
            client.shutdown().get(10, TimeUnit.SECONDS);
            client = null;
        }
    }

    @Override
    protected EventStorageEngine engine() {
        if (client == null) {
            connect();
        }
        return engine;
    }

    @Override
    protected void reopen() throws Exception {
        disconnect();
        restartServer();
        connect();
    }

    /** Records in a stream of "another application": not {@code agg-}-prefixed. */
    @Override
    protected void appendSkippedRecords(int count) throws Exception {
        engine();
        String stream = "other-app-" + UUID.randomUUID();
        for (int done = 0; done < count; done += 100) {
            List<io.kurrent.dbclient.EventData> batch = new java.util.ArrayList<>();
            for (int i = done; i < Math.min(count, done + 100); i++) {
                batch.add(EventDataBuilder.json("Unrelated", ("{\"n\":" + i + "}").getBytes()).build());
            }
            client.appendToStream(stream, AppendToStreamOptions.get().streamState(StreamState.any()), batch.iterator())
                    .get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void serverReadsFromAPositionIncludeItAndSubscriptionsExcludeIt() throws Exception {
        engine();
        String stream = "other-app-" + UUID.randomUUID();
        client.appendToStream(stream, EventDataBuilder.json("A", "{}".getBytes()).build(),
                EventDataBuilder.json("B", "{}".getBytes()).build()).get(20, TimeUnit.SECONDS);
        List<ResolvedEvent> last = client.readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(2))
                .get(20, TimeUnit.SECONDS).getEvents();
        ResolvedEvent a = last.get(1);
        // The record's own position: A and B, appended together, share their commit position.
        Position positionOfA = a.getOriginalEvent().getPosition();
        assertThat(a.getOriginalEvent().getEventType()).isEqualTo("A");

        List<ResolvedEvent> read = client.readAll(ReadAllOptions.get().forwards().fromPosition(positionOfA).maxCount(1))
                .get(20, TimeUnit.SECONDS).getEvents();
        assertThat(read).extracting(e -> e.getOriginalEvent().getEventType()).containsExactly("A");

        BlockingQueue<String> types = new LinkedBlockingQueue<>();
        Subscription subscription = client.subscribeToAll(new SubscriptionListener() {
            @Override
            public void onEvent(Subscription s, ResolvedEvent event) {
                types.add(event.getOriginalEvent().getEventType());
            }
        }, SubscribeToAllOptions.get().fromPosition(positionOfA)).get(20, TimeUnit.SECONDS);
        try {
            assertThat(types.poll(20, TimeUnit.SECONDS)).isEqualTo("B");
        } finally {
            subscription.stop();
        }
    }

    @Test
    void subscriptionDeliversAggregateEventsAfterTheTokenAndCheckpointsPastFilteredRecords() throws Exception {
        TrackingToken start = engine().createHeadToken();
        String id = newAggregateId();
        engine().appendEvents(event(id, 0));
        appendSkippedRecords(40);
        engine().appendEvents(event(id, 1));
        List<? extends TrackedEventMessage<?>> tracked = engine().readEvents(start, false).toList();
        assertThat(tracked).hasSize(2);
        TrackingToken afterFirst = tracked.get(0).trackingToken();

        BlockingQueue<TrackedEventMessage<?>> events = new LinkedBlockingQueue<>();
        List<KurrentDbTrackingToken> checkpoints = new CopyOnWriteArrayList<>();
        AutoCloseable subscription = engine.subscribe(afterFirst, 8,
                new KurrentDbEventStorageEngine.TrackedEventListener() {
                    @Override
                    public void onEvent(TrackedEventMessage<?> event) {
                        events.add(event);
                    }

                    @Override
                    public void onCheckpoint(KurrentDbTrackingToken token) {
                        checkpoints.add(token);
                    }
                });
        try {
            TrackedEventMessage<?> next = events.poll(20, TimeUnit.SECONDS);
            assertThat(next).isNotNull();
            assertThat(((DomainEventMessage<?>) next).getSequenceNumber()).isEqualTo(1);
            assertThat(next.trackingToken()).isEqualTo(tracked.get(1).trackingToken());

            String later = newAggregateId();
            engine().appendEvents(event(later, 0));
            TrackedEventMessage<?> live = events.poll(20, TimeUnit.SECONDS);
            assertThat(live).isNotNull();
            assertThat(((DomainEventMessage<?>) live).getAggregateIdentifier()).isEqualTo(later);
            assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull();
        } finally {
            subscription.close();
        }
        // 40 filtered records with a window of 8: the server reported progress inside them.
        assertThat(checkpoints).anySatisfy(token -> {
            assertThat(token.covers(afterFirst)).isTrue();
            assertThat(tracked.get(1).trackingToken().covers(token)).isTrue();
            assertThat(token).isNotEqualTo(afterFirst);
        });
    }
}
