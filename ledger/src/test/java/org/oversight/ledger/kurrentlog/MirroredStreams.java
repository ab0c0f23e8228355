package org.oversight.ledger.kurrentlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.oversight.ledger.aggregate.EnvelopeSerializer;
import org.oversight.ledger.aggregate.EventRecorded;
import org.oversight.ledger.storage.kurrentdb.KurrentDbEventStorageEngine;

/**
 * Reads the KurrentDB aggregate streams with a client of its own and compares them with the
 * committed leaves in PostgreSQL: the test oracle for "nothing acknowledged lost, nothing applied
 * twice".
 */
final class MirroredStreams {
    private MirroredStreams() {}

    /** A committed leaf as the comparison needs it. */
    record LeafRow(long index, String stream, long seq, String bytes) {}

    static List<LeafRow> leaves(String jdbcUrl) {
        List<LeafRow> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT leaf_index, stream, seq, leaf_bytes FROM ledger_leaf"
                        + " ORDER BY leaf_index")) {
            while (rs.next()) {
                rows.add(new LeafRow(rs.getLong(1), rs.getString(2), rs.getLong(3),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static void sql(String jdbcUrl, String statement) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static long mirroredSize(String jdbcUrl) {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT mirrored_size FROM ledger_kurrentdb_mirror WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Asserts that every stream of the log has, in KurrentDB, exactly its committed leaves in seq
     * order (same bytes, each once, leaf index in the metadata), and that KurrentDB holds no other
     * aggregate events. Returns the number of leaves compared.
     */
    static int assertStreamsHoldExactlyTheLeaves(String jdbcUrl, String connectionString) {
        List<LeafRow> leaves = leaves(jdbcUrl);
        Map<String, List<LeafRow>> byStream = new TreeMap<>();
        for (LeafRow l : leaves) {
            byStream.computeIfAbsent(l.stream(), s -> new ArrayList<>()).add(l);
        }
        KurrentDBClient client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(connectionString));
        try {
            KurrentDbEventStorageEngine engine = KurrentDbEventStorageEngine.builder().client(client)
                    .timeout(Duration.ofSeconds(20)).eventSerializer(EnvelopeSerializer.of(JacksonSerializer.builder()))
                    .snapshotSerializer(EnvelopeSerializer.of(JacksonSerializer.builder())).build();
            for (Map.Entry<String, List<LeafRow>> stream : byStream.entrySet()) {
                List<? extends DomainEventMessage<?>> stored = engine.readEvents(stream.getKey()).asStream().toList();
                List<LeafRow> expected = stream.getValue();
                assertThat(stored).as("KurrentDB stream of %s", stream.getKey()).hasSize(expected.size());
                for (int i = 0; i < expected.size(); i++) {
                    DomainEventMessage<?> e = stored.get(i);
                    LeafRow l = expected.get(i);
                    assertThat(e.getSequenceNumber()).as("seq in %s", l.stream()).isEqualTo(l.seq());
                    assertThat(((EventRecorded) e.getPayload()).envelope()).as("leaf %d", l.index()).isEqualTo(l.bytes());
                    assertThat(((Number) e.getMetaData().get(EventRecorded.LEAF_INDEX)).longValue())
                            .as("leaf index of %s seq %d", l.stream(), l.seq()).isEqualTo(l.index());
                    assertThat(e.getType()).isEqualTo("StreamAggregate");
                }
            }
            TreeSet<String> aggregatesInAll = new TreeSet<>();
            long[] count = {0};
            engine.readEvents(null, false).forEach(m -> {
                count[0]++;
                aggregatesInAll.add(((DomainEventMessage<?>) m).getAggregateIdentifier());
            });
            assertThat(aggregatesInAll).as("aggregate streams in $all").isEqualTo(byStream.keySet());
            assertThat(count[0]).as("aggregate events in $all, one per leaf").isEqualTo(leaves.size());
        } finally {
            client.shutdown();
        }
        return leaves.size();
    }

    /** Appends {@code event} with a client of its own, as another writer of the aggregate streams would. */
    static void appendAsAnotherWriter(String connectionString, DomainEventMessage<?> event) {
        KurrentDBClient client = KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(connectionString));
        try {
            KurrentDbEventStorageEngine.builder().client(client).timeout(Duration.ofSeconds(20))
                    .eventSerializer(EnvelopeSerializer.of(JacksonSerializer.builder()))
                    .snapshotSerializer(EnvelopeSerializer.of(JacksonSerializer.builder())).build().appendEvents(event);
        } finally {
            client.shutdown();
        }
    }
}
