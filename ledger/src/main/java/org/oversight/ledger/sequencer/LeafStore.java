package org.oversight.ledger.sequencer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The sequencer's tables in PostgreSQL: leaves, interior hashes at tile levels, the single
 * sequencer-state row, and signed checkpoints. Writes join the caller's Spring transaction.
 *
 * <p>Leaf bytes are stored once. Where the ledger's Axon events live in the same database (the
 * JDBC storage engine), each envelope is already stored byte for byte as its aggregate event's
 * payload ({@link EnvelopeTable}), in the same transaction, so {@code ledger_leaf.leaf_bytes} is
 * left NULL and reads take the bytes from there — checking on every read that they hash to the
 * leaf's recorded event hash. Otherwise (the KurrentDB store, or no Axon store: tests, tools)
 * {@code ledger_leaf} holds them.
 */
public class LeafStore {
    private static final String SCHEMA = "/db/ledger-core-schema.sql";
    private static final String OWN_COLUMNS = "SELECT leaf_index, event_id, stream, event_hash, leaf_bytes, seq,"
            + " false, NULL FROM ledger_leaf";

    private final JdbcTemplate jdbc;
    private final EnvelopeTable envelopes;
    private final String leafColumns;
    private final RowMapper<StoredLeaf> leafMapper;

    /** Leaf bytes in {@code ledger_leaf}. */
    public LeafStore(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * @param envelopes where new leaves' bytes are stored instead of {@code ledger_leaf}; null to
     *     store them in {@code ledger_leaf}. Rows written either way are read either way.
     */
    public LeafStore(DataSource dataSource, EnvelopeTable envelopes) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.envelopes = envelopes;
        this.leafColumns = envelopes == null ? OWN_COLUMNS
                : "SELECT l.leaf_index, l.event_id, l.stream, l.event_hash, COALESCE(l.leaf_bytes, e."
                        + envelopes.payloadColumn() + "), l.seq, l.leaf_bytes IS NULL, e." + envelopes.revisionColumn()
                        + " FROM ledger_leaf l LEFT JOIN " + envelopes.table() + " e ON l.leaf_bytes IS NULL AND e."
                        + envelopes.aggregateColumn() + " = l.stream AND e." + envelopes.sequenceColumn() + " = l.seq";
        this.leafMapper = (rs, i) -> leaf(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(6),
                rs.getBytes(5), Sha256Digest.of(rs.getBytes(4)), rs.getBoolean(7), rs.getString(8));
    }

    /**
     * A leaf as read; its bytes, when they come from the event table, must be the raw envelope
     * whose hash the leaf row recorded, or the store is corrupt (an unchecked bug exception: no
     * caller can do anything sensible with such a leaf).
     */
    private StoredLeaf leaf(long index, String eventId, String stream, long seq, byte[] bytes, Sha256Digest hash,
            boolean fromEventTable, String revision) {
        String where = "leaf " + index + " (" + stream + "#" + seq + "): ";
        if (fromEventTable) {
            if (bytes == null) {
                throw new IllegalStateException(where + "no envelope in " + envelopes.table() + " and none in ledger_leaf");
            }
            if (!envelopes.revision().equals(revision)) {
                throw new IllegalStateException(where + envelopes.table() + " holds payload revision " + revision
                        + ", not the raw envelope (" + envelopes.revision() + ")");
            }
            Sha256Digest actual = Rfc6962Hashing.leafHash(bytes);
            if (!actual.equals(hash)) {
                throw new IllegalStateException(where + "envelope in " + envelopes.table() + " hashes to " + actual.hex()
                        + ", the leaf recorded " + hash.hex());
            }
        }
        if (bytes == null) {
            // Written by a ledger whose Axon events were in this database, read by one whose are not
            // (the store type changed under an existing log): the bytes are not reachable from here.
            throw new IllegalStateException(where + "ledger_leaf holds no bytes; they were stored as the Axon event"
                    + " payload (store type embedded-postgres or postgres), which this store type does not read");
        }
        return new StoredLeaf(index, new Leaf(eventId, stream, seq, bytes, hash));
    }

    /** Creates the tables if missing. */
    public void createSchema() {
        try (InputStream in = LeafStore.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + SCHEMA + " missing from the jar");
            }
            jdbc.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCHEMA, e);
        }
    }

    Optional<TreeState> readState() {
        List<TreeState> rows = jdbc.query("SELECT tree_size, compact_range, root FROM ledger_sequencer WHERE id = 1",
                (rs, i) -> TreeState.restore(rs.getLong(1), rs.getBytes(2), Sha256Digest.of(rs.getBytes(3))));
        return rows.stream().findFirst();
    }

    /**
     * Moves the state row from {@code expected} to {@code next}. Fails (and so rolls the caller's
     * transaction back) if another writer moved it meanwhile: the single-writer guarantee holds even
     * if two ledger processes are pointed at one database by mistake.
     */
    void writeState(TreeState expected, TreeState next) {
        int updated;
        if (expected.size() == 0 && readState().isEmpty()) {
            updated = jdbc.update("INSERT INTO ledger_sequencer (id, tree_size, compact_range, root) VALUES (1, ?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING", next.size(), next.compactRangeBytes(), next.root().toByteArray());
        } else {
            updated = jdbc.update("UPDATE ledger_sequencer SET tree_size = ?, compact_range = ?, root = ?"
                    + " WHERE id = 1 AND tree_size = ?", next.size(), next.compactRangeBytes(),
                    next.root().toByteArray(), expected.size());
        }
        if (updated != 1) {
            throw new ConcurrentSequencerException("sequencer state moved away from size " + expected.size()
                    + " while appending; another writer is active");
        }
    }

    /**
     * Inserts leaf rows. With an {@link EnvelopeTable}, the caller guarantees that the same
     * transaction stores each leaf's bytes there (the ingest path's aggregate events).
     */
    void insertLeaves(long firstIndex, List<Leaf> leaves) {
        boolean withBytes = envelopes == null;
        String sql = withBytes
                ? "INSERT INTO ledger_leaf (leaf_index, event_id, event_hash, stream, seq, leaf_bytes) VALUES (?, ?, ?, ?, ?, ?)"
                : "INSERT INTO ledger_leaf (leaf_index, event_id, event_hash, stream, seq) VALUES (?, ?, ?, ?, ?)";
        jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Leaf l = leaves.get(i);
                ps.setLong(1, firstIndex + i);
                ps.setString(2, l.eventId());
                ps.setBytes(3, l.leafHash().toByteArray());
                ps.setString(4, l.stream());
                ps.setLong(5, l.seq());
                if (withBytes) {
                    ps.setBytes(6, l.leafBytesUnsafe());
                }
            }

            @Override
            public int getBatchSize() {
                return leaves.size();
            }
        });
    }

    void insertNode(int level, long index, Sha256Digest hash) {
        jdbc.update("INSERT INTO ledger_tree_node (level, node_index, hash) VALUES (?, ?, ?)",
                level, index, hash.toByteArray());
    }

    /**
     * Hashes at tree {@code level} (0 = leaf hashes, else a multiple of 8) for indices
     * {@code [start, start + count)}, in order; shorter if some are not stored.
     */
    public List<Sha256Digest> hashes(int level, long start, int count) {
        RowMapper<Sha256Digest> h = (rs, i) -> Sha256Digest.of(rs.getBytes(1));
        if (level == 0) {
            return jdbc.query("SELECT event_hash FROM ledger_leaf WHERE leaf_index >= ? AND leaf_index < ?"
                    + " ORDER BY leaf_index", h, start, start + count);
        }
        return jdbc.query("SELECT hash FROM ledger_tree_node WHERE level = ? AND node_index >= ? AND node_index < ?"
                + " ORDER BY node_index", h, level, start, start + count);
    }

    public Optional<StoredLeaf> findByEventId(String eventId) {
        return jdbc.query(leafColumns + " WHERE event_id = ?",
                leafMapper, eventId).stream().findFirst();
    }

    public Optional<StoredLeaf> findByHash(Sha256Digest eventHash) {
        return jdbc.query(leafColumns + " WHERE event_hash = ?",
                leafMapper, eventHash.toByteArray()).stream().findFirst();
    }

    /**
     * The committed leaves whose event hash is one of {@code eventHashes}, by hash hex, without
     * their bytes: one query for a whole request (an array parameter, so one prepared statement
     * whatever the request's size) instead of one per event.
     */
    public Map<String, LeafKey> findKeysByHashes(Collection<Sha256Digest> eventHashes) {
        byte[][] hashes = eventHashes.stream().map(Sha256Digest::toByteArray).toArray(byte[][]::new);
        Map<String, LeafKey> found = new HashMap<>();
        for (LeafKey k : findKeys("event_hash", "bytea", hashes)) {
            found.put(k.hash().hex(), k);
        }
        return found;
    }

    /** The committed leaves whose event id is one of {@code eventIds}, by event id, without their bytes (one query). */
    public Map<String, LeafKey> findKeysByEventIds(Collection<String> eventIds) {
        Map<String, LeafKey> found = new HashMap<>();
        for (LeafKey k : findKeys("event_id", "text", eventIds.toArray(String[]::new))) {
            found.put(k.eventId(), k);
        }
        return found;
    }

    /**
     * Rows whose {@code column} is one of {@code values}. Written as a join with the unnested array,
     * not {@code column = ANY(?)}: once the driver prepares the statement on the server,
     * PostgreSQL may settle on a generic plan for {@code ANY} that scans the whole table (measured:
     * 4.5 ms per lookup of 100 keys in 10k leaves); the join is planned as index probes.
     */
    private List<LeafKey> findKeys(String column, String elementType, Object[] values) {
        if (values.length == 0) {
            return List.of();
        }
        return jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement("SELECT l.leaf_index, l.event_id, l.event_hash"
                    + " FROM unnest(?) AS k(v) JOIN ledger_leaf l ON l." + column + " = k.v");
            ps.setArray(1, connection.createArrayOf(elementType, values));
            return ps;
        }, (rs, i) -> new LeafKey(rs.getLong(1), rs.getString(2), Sha256Digest.of(rs.getBytes(3))));
    }

    /** Leaves {@code [start, start + count)} that exist, in index order. */
    public List<StoredLeaf> leaves(long start, int count) {
        return jdbc.query(leafColumns
                + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index", leafMapper, start, start + count);
    }

    /** Index, id and hash of the leaf at {@code seq} of {@code stream}, if recorded, without its bytes. */
    public Optional<LeafKey> keyAt(String stream, long seq) {
        return jdbc.query("SELECT leaf_index, event_id, event_hash FROM ledger_leaf WHERE stream = ? AND seq = ?",
                (rs, i) -> new LeafKey(rs.getLong(1), rs.getString(2), Sha256Digest.of(rs.getBytes(3))), stream, seq)
                .stream().findFirst();
    }

    /**
     * The leaves in {@code [from, to)} whose stream name starts with {@code prefix} (a stream kind
     * and its slash, e.g. {@code search/}), in index order, without their bytes: one range scan of
     * the primary key, the prefix compared in the database, so a reader that follows only a few
     * streams neither ships nor parses the other leaves.
     */
    public List<StreamLeaf> streamLeaves(String prefix, long from, long to) {
        if (prefix.isEmpty()) {
            throw new IllegalArgumentException("empty stream prefix");
        }
        return jdbc.query("SELECT leaf_index, stream, seq FROM ledger_leaf WHERE leaf_index >= ? AND leaf_index < ?"
                + " AND left(stream, ?) = ? ORDER BY leaf_index",
                (rs, i) -> new StreamLeaf(rs.getLong(1), rs.getString(2), rs.getLong(3)), from, to, prefix.length(),
                prefix);
    }

    /**
     * The last event of {@code stream} among the leaves below {@code treeSize} (the highest seq
     * there), without its bytes; empty if the stream has none. One index probe
     * ({@code UNIQUE (stream, seq)}).
     */
    public Optional<StreamTip> lastOfStream(String stream, long treeSize) {
        return jdbc.query("SELECT seq, leaf_index, event_hash FROM ledger_leaf WHERE stream = ? AND leaf_index < ?"
                + " ORDER BY seq DESC LIMIT 1",
                (rs, i) -> new StreamTip(rs.getLong(1), rs.getLong(2), Sha256Digest.of(rs.getBytes(3))), stream, treeSize)
                .stream().findFirst();
    }

    /** The hash of the event at {@code seq} of {@code stream}, if recorded (committed or in this transaction). */
    public Optional<Sha256Digest> hashAt(String stream, long seq) {
        return jdbc.query("SELECT event_hash FROM ledger_leaf WHERE stream = ? AND seq = ?",
                (rs, i) -> Sha256Digest.of(rs.getBytes(1)), stream, seq).stream().findFirst();
    }

    void insertCheckpoint(long size, Sha256Digest root, String signedNote, java.time.Instant signedAt) {
        jdbc.update("INSERT INTO ledger_checkpoint (tree_size, root, signed_note, signed_at) VALUES (?, ?, ?, ?)",
                size, root.toByteArray(), signedNote, java.sql.Timestamp.from(signedAt));
    }

    /** The signed note of the largest checkpoint, if any. */
    Optional<String> latestCheckpointNote() {
        return jdbc.queryForList("SELECT signed_note FROM ledger_checkpoint ORDER BY tree_size DESC LIMIT 1", String.class)
                .stream().findFirst();
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }
}
