package org.oversight.ledger.sequencer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.domain.crypto.Sha256Digest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The sequencer's tables in PostgreSQL: leaves, interior hashes at tile levels, the single
 * sequencer-state row, and signed checkpoints. Writes join the caller's Spring transaction.
 */
public class LeafStore {
    private static final String SCHEMA = "/db/ledger-core-schema.sql";
    private static final RowMapper<StoredLeaf> LEAF = (rs, i) -> new StoredLeaf(rs.getLong(1),
            new Leaf(rs.getString(2), rs.getString(3), rs.getLong(6), rs.getBytes(5), Sha256Digest.of(rs.getBytes(4))));
    private static final String LEAF_COLUMNS = "SELECT leaf_index, event_id, stream, event_hash, leaf_bytes, seq FROM ledger_leaf";

    private final JdbcTemplate jdbc;

    public LeafStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
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

    void insertLeaves(long firstIndex, List<Leaf> leaves) {
        List<Object[]> rows = new ArrayList<>(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            Leaf l = leaves.get(i);
            rows.add(new Object[] {firstIndex + i, l.eventId(), l.leafHash().toByteArray(), l.stream(), l.seq(),
                    l.leafBytesUnsafe()});
        }
        jdbc.batchUpdate("INSERT INTO ledger_leaf (leaf_index, event_id, event_hash, stream, seq, leaf_bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?)", rows);
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
        return jdbc.query(LEAF_COLUMNS + " WHERE event_id = ?",
                LEAF, eventId).stream().findFirst();
    }

    public Optional<StoredLeaf> findByHash(Sha256Digest eventHash) {
        return jdbc.query(LEAF_COLUMNS + " WHERE event_hash = ?",
                LEAF, eventHash.toByteArray()).stream().findFirst();
    }

    /**
     * The stored leaves whose event hash is one of {@code eventHashes}, by hash hex: one query for a
     * whole request instead of one per event.
     */
    public java.util.Map<String, StoredLeaf> findByHashes(java.util.Collection<Sha256Digest> eventHashes) {
        java.util.Map<String, StoredLeaf> found = new java.util.HashMap<>();
        if (eventHashes.isEmpty()) {
            return found;
        }
        Object[] args = eventHashes.stream().map(Sha256Digest::toByteArray).toArray();
        for (StoredLeaf l : jdbc.query(LEAF_COLUMNS + " WHERE event_hash IN (" + placeholders(args.length) + ")",
                LEAF, args)) {
            found.put(l.leaf().leafHash().hex(), l);
        }
        return found;
    }

    /** The stored leaves whose event id is one of {@code eventIds}, by event id (one query). */
    public java.util.Map<String, StoredLeaf> findByEventIds(java.util.Collection<String> eventIds) {
        java.util.Map<String, StoredLeaf> found = new java.util.HashMap<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        Object[] args = eventIds.toArray();
        for (StoredLeaf l : jdbc.query(LEAF_COLUMNS + " WHERE event_id IN (" + placeholders(args.length) + ")",
                LEAF, args)) {
            found.put(l.leaf().eventId(), l);
        }
        return found;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Leaves {@code [start, start + count)} that exist, in index order. */
    public List<StoredLeaf> leaves(long start, int count) {
        return jdbc.query(LEAF_COLUMNS
                + " WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index", LEAF, start, start + count);
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
