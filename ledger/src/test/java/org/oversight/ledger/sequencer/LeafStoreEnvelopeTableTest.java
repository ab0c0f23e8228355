package org.oversight.ledger.sequencer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.oversight.ledger.aggregate.EnvelopeSerializer;
import org.oversight.ledger.aggregate.EventRecorded;
import org.oversight.ledger.storage.jdbc.JdbcStorage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leaf bytes stored once: with an {@link EnvelopeTable}, {@code ledger_leaf} keeps no bytes and
 * every read takes them from Axon's event table, refusing bytes that do not hash to the leaf.
 */
class LeafStoreEnvelopeTableTest {
    private DataSource db;
    private JdbcTemplate jdbc;
    private JdbcEventStorageEngine axon;
    private LeafStore store;
    private Sequencer sequencer;
    private TransactionTemplate tx;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh();
        jdbc = new JdbcTemplate(db);
        axon = JdbcStorage.standaloneEngine(db, EnvelopeSerializer.of(JacksonSerializer.builder()));
        EventSchema schema = JdbcStorage.EVENT_SCHEMA;
        store = new LeafStore(db, new EnvelopeTable(schema.domainEventTable(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.payloadColumn(), schema.payloadRevisionColumn(),
                EnvelopeSerializer.ENVELOPE_REVISION));
        store.createSchema();
        sequencer = new Sequencer(store);
        tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    }

    private static byte[] envelope(int i) {
        return ("{\"envelope\":" + i + ",\"text\":\"quote \\\" and é\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static Leaf leaf(int i) {
        byte[] bytes = envelope(i);
        return new Leaf("event-" + i, "camera/cam-" + i, 0, bytes, Rfc6962Hashing.leafHash(bytes));
    }

    /** As the ingest path does: the aggregate's event (payload = the envelope) and the leaf row, in one transaction. */
    private void record(int from, int to, boolean withAxonEvent) {
        SequencerTest.append(sequencer, tx, from, to, i -> {
            Leaf leaf = leaf(i);
            if (withAxonEvent) {
                axon.appendEvents(new GenericDomainEventMessage<>("StreamAggregate", leaf.stream(), leaf.seq(),
                        new EventRecorded(new String(leaf.leafBytes(), StandardCharsets.UTF_8))));
            }
            return leaf;
        });
    }

    @Test
    void storesEachEnvelopeOnceAndReadsItBackByteForByte() {
        record(0, 3, true);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_leaf WHERE leaf_bytes IS NOT NULL", Long.class))
                .isZero();
        List<StoredLeaf> leaves = store.leaves(0, 3);
        assertThat(leaves).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(leaves.get(i).index()).isEqualTo(i);
            assertThat(leaves.get(i).leaf().leafBytes()).isEqualTo(envelope(i));
        }
        assertThat(store.findByEventId("event-1")).get().satisfies(l -> assertThat(l.leaf().leafBytes())
                .isEqualTo(envelope(1)));
        assertThat(store.findByHash(leaf(2).leafHash())).get().extracting(StoredLeaf::index).isEqualTo(2L);
    }

    @Test
    void readsLeavesWrittenWithTheirBytesBeforeTheSwitch() {
        new LeafStore(db).insertLeaves(0, List.of(leaf(0)));

        assertThat(store.leaves(0, 1)).singleElement()
                .satisfies(l -> assertThat(l.leaf().leafBytes()).isEqualTo(envelope(0)));
    }

    @Test
    void refusesAnEnvelopeThatNoLongerHashesToItsLeaf() {
        record(0, 2, true);
        EventSchema schema = JdbcStorage.EVENT_SCHEMA;
        jdbc.update("UPDATE " + schema.domainEventTable() + " SET " + schema.payloadColumn() + " = ? WHERE "
                + schema.aggregateIdentifierColumn() + " = ?", "{\"envelope\":9}".getBytes(StandardCharsets.UTF_8),
                "camera/cam-1");

        assertThat(store.leaves(0, 1)).hasSize(1);
        assertThatThrownBy(() -> store.leaves(0, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaf 1 (camera/cam-1#0)")
                .hasMessageContaining("hashes to")
                .hasMessageContaining("the leaf recorded " + leaf(1).leafHash().hex());
    }

    @Test
    void refusesALeafWhoseEnvelopeIsMissing() {
        record(0, 1, false);

        assertThatThrownBy(() -> store.findByEventId("event-0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("leaf 0 (camera/cam-0#0): no envelope in " + JdbcStorage.EVENT_SCHEMA.domainEventTable());
    }

    @Test
    void aStoreThatKeepsBytesInTheLeafTableRefusesLeavesWrittenWithout() {
        record(0, 1, true);

        assertThatThrownBy(() -> new LeafStore(db).leaves(0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("leaf 0 (camera/cam-0#0): ledger_leaf holds no bytes");
    }

    @Test
    void refusesAPayloadOfAnotherRevision() {
        record(0, 1, true);
        EventSchema schema = JdbcStorage.EVENT_SCHEMA;
        jdbc.update("UPDATE " + schema.domainEventTable() + " SET " + schema.payloadRevisionColumn() + " = NULL");

        assertThatThrownBy(() -> store.leaves(0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("payload revision null, not the raw envelope (" + EnvelopeSerializer.ENVELOPE_REVISION + ")");
    }

    @Test
    void findsKeysOfCommittedLeavesByHashAndByEventIdWithoutTheirBytes() {
        record(0, 3, true);
        Sha256Digest unknown = Rfc6962Hashing.leafHash(new byte[] {1});

        Map<String, LeafKey> byHash = store.findKeysByHashes(List.of(leaf(2).leafHash(), unknown, leaf(0).leafHash()));
        Map<String, LeafKey> byId = store.findKeysByEventIds(List.of("event-1", "event-9"));

        assertThat(byHash).containsOnlyKeys(leaf(2).leafHash().hex(), leaf(0).leafHash().hex());
        assertThat(byHash.get(leaf(2).leafHash().hex())).isEqualTo(new LeafKey(2, "event-2", leaf(2).leafHash()));
        assertThat(byId).containsOnlyKeys("event-1");
        assertThat(byId.get("event-1")).isEqualTo(new LeafKey(1, "event-1", leaf(1).leafHash()));
        assertThat(store.findKeysByHashes(List.of())).isEmpty();
        assertThat(store.findKeysByEventIds(List.of())).isEmpty();
    }

    @Test
    void refusesIdentifiersThatAreNotPlainSqlNames() {
        assertThatThrownBy(() -> new EnvelopeTable("DomainEventEntry; DROP TABLE x", "a", "b", "c", "d", "r"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a plain SQL identifier: DomainEventEntry; DROP TABLE x");
    }
}
