package org.oversight.ledger.kurrentlog;

import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one row {@code ledger_kurrentdb_mirror(id = 1, mirrored_size)} in PostgreSQL: a LOWER BOUND of
 * the committed leaves whose events are in their KurrentDB streams. Every leaf with an index below
 * it is in KurrentDB; leaves at or above it may or may not be (the mirror checks them).
 *
 * <p>Because it is only a lower bound, writing it late, or losing a write in a crash, is harmless:
 * recovery then re-examines more leaves, and finds them already mirrored. So it is written without
 * waiting for the WAL flush ({@code synchronous_commit = off}), and only ever raised.
 */
final class MirrorWatermark {
    private final JdbcTemplate jdbc;

    MirrorWatermark(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void createSchema() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS ledger_kurrentdb_mirror (id INT PRIMARY KEY CHECK (id = 1),"
                + " mirrored_size BIGINT NOT NULL CHECK (mirrored_size >= 0))");
    }

    /** The stored lower bound; 0 if none was stored. */
    long read() {
        return jdbc.queryForList("SELECT mirrored_size FROM ledger_kurrentdb_mirror WHERE id = 1", Long.class)
                .stream().findFirst().orElse(0L);
    }

    /**
     * Raises the stored bound to {@code size} (never lowers it). Must run inside a transaction of its
     * own: it relaxes that transaction's durability.
     */
    void raiseTo(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("mirrored size " + size + " < 0");
        }
        jdbc.execute("SET LOCAL synchronous_commit TO OFF");
        jdbc.update("INSERT INTO ledger_kurrentdb_mirror (id, mirrored_size) VALUES (1, ?) ON CONFLICT (id) DO UPDATE"
                + " SET mirrored_size = GREATEST(ledger_kurrentdb_mirror.mirrored_size, EXCLUDED.mirrored_size)", size);
    }
}
