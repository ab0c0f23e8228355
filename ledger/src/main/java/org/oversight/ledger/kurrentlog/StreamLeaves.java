package org.oversight.ledger.kurrentlog;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.ledger.sequencer.Leaf;
import org.oversight.ledger.sequencer.StoredLeaf;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** Committed leaves of one stream by stream position ({@code ledger_leaf}, read-only). */
final class StreamLeaves {
    private static final RowMapper<StoredLeaf> LEAF = (rs, i) -> new StoredLeaf(rs.getLong(1),
            new Leaf(rs.getString(2), rs.getString(3), rs.getLong(6), rs.getBytes(5), Sha256Digest.of(rs.getBytes(4))));
    private static final String COLUMNS =
            "SELECT leaf_index, event_id, stream, event_hash, leaf_bytes, seq FROM ledger_leaf";

    private final JdbcTemplate jdbc;

    StreamLeaves(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The leaves of {@code stream} with {@code fromSeq <= seq < toSeq}, by seq. */
    List<StoredLeaf> range(String stream, long fromSeq, long toSeq) {
        return jdbc.query(COLUMNS + " WHERE stream = ? AND seq >= ? AND seq < ? ORDER BY seq", LEAF, stream, fromSeq,
                toSeq);
    }

    /** The leaf at {@code seq} of {@code stream}, if committed. */
    Optional<StoredLeaf> at(String stream, long seq) {
        return jdbc.query(COLUMNS + " WHERE stream = ? AND seq = ?", LEAF, stream, seq).stream().findFirst();
    }

    /** The committed leaf with the highest seq of {@code stream} among leaves {@code [0, size)}, if any. */
    Optional<StoredLeaf> head(String stream, long size) {
        return jdbc.query(COLUMNS + " WHERE stream = ? AND leaf_index < ? ORDER BY seq DESC LIMIT 1", LEAF, stream, size)
                .stream().findFirst();
    }

    /** The committed size of the log as the database holds it now ({@code ledger_sequencer}; 0 if empty). */
    long committedSize() {
        return jdbc.queryForList("SELECT tree_size FROM ledger_sequencer WHERE id = 1", Long.class).stream().findFirst()
                .orElse(0L);
    }
}
