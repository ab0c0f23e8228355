package org.oversight.ledger.engine;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recognition processor's position in PostgreSQL: the last leaf index whose decisions have all
 * been appended (−1 before the first leaf). One row, table {@code ledger_engine_position}, created
 * here so that the core schema stays untouched.
 *
 * <p>The position is written after the decisions it covers have committed, in a separate statement:
 * a crash between the two makes the processor derive and resubmit those decisions again, which the
 * ingest path answers as duplicates (docs/ledger.md §7).
 */
public class EnginePositionStore {
    private final JdbcTemplate jdbc;

    public EnginePositionStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the table if missing. */
    public void createSchema() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS ledger_engine_position ("
                + " id INT PRIMARY KEY CHECK (id = 1),"
                + " last_leaf BIGINT NOT NULL CHECK (last_leaf >= -1))");
    }

    /** The last processed leaf index, −1 if none. */
    public long read() {
        List<Long> rows = jdbc.queryForList("SELECT last_leaf FROM ledger_engine_position WHERE id = 1", Long.class);
        return rows.isEmpty() ? -1 : rows.get(0);
    }

    /**
     * Records {@code lastLeaf} as processed.
     *
     * @throws IllegalArgumentException if {@code lastLeaf < -1}
     */
    public void write(long lastLeaf) {
        if (lastLeaf < -1) {
            throw new IllegalArgumentException("last leaf " + lastLeaf + " < -1");
        }
        jdbc.update("INSERT INTO ledger_engine_position (id, last_leaf) VALUES (1, ?)"
                + " ON CONFLICT (id) DO UPDATE SET last_leaf = EXCLUDED.last_leaf", lastLeaf);
    }
}
