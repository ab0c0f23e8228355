package org.oversight.ledger.witness;

import java.util.List;
import javax.sql.DataSource;
import org.oversight.domain.note.Cosignature;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cosignatures the witnesses returned, by tree size and witness key ({@code ledger_cosignature},
 * created here if absent). Rows are not trusted when read: {@link CheckpointCosignatures} verifies
 * each line against the configured witness keys before serving it.
 */
public class CosignatureStore {
    private final JdbcTemplate jdbc;

    public CosignatureStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS ledger_cosignature (tree_size BIGINT NOT NULL, witness TEXT NOT NULL,"
                + " witness_time BIGINT NOT NULL, signature_line TEXT NOT NULL, PRIMARY KEY (tree_size, witness))");
    }

    /**
     * Stores {@code c} for the checkpoint of {@code treeSize}, unless the same witness's cosignature
     * of that checkpoint is already stored: the first one is kept, because its time is the earliest
     * evidence that the leaves existed (rule R11). A witness cosigns a size again, later, when the log
     * resubmits it (after a restart); replacing the line would move the witness time of every leaf
     * first covered by that checkpoint later, and could turn a timely detection into an R11 violation.
     */
    public void save(long treeSize, Cosignature c) {
        jdbc.update("INSERT INTO ledger_cosignature (tree_size, witness, witness_time, signature_line) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (tree_size, witness) DO NOTHING", treeSize, c.keyLabel(), c.timestamp(), c.toLine());
    }

    /**
     * Up to {@code limit} tree sizes, in increasing order, in {@code (after, upTo]}, that have at least
     * one stored cosignature.
     */
    public List<Long> cosignedSizes(long after, long upTo, int limit) {
        return jdbc.queryForList("SELECT DISTINCT tree_size FROM ledger_cosignature WHERE tree_size > ? AND tree_size <= ?"
                + " ORDER BY tree_size LIMIT ?", Long.class, after, upTo, limit);
    }

    /** The stored signature lines for the checkpoint of {@code treeSize}, by witness label. */
    public List<String> lines(long treeSize) {
        return jdbc.queryForList("SELECT signature_line FROM ledger_cosignature WHERE tree_size = ? ORDER BY witness",
                String.class, treeSize);
    }

    /** The largest tree size with cosignatures by at least {@code k} distinct witnesses, or -1. */
    public long largestSizeWith(int k) {
        Long size = jdbc.queryForObject("SELECT MAX(tree_size) FROM (SELECT tree_size FROM ledger_cosignature"
                + " GROUP BY tree_size HAVING COUNT(*) >= ?) q", Long.class, k);
        return size == null ? -1 : size;
    }
}
