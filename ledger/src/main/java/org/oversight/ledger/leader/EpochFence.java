package org.oversight.ledger.leader;

import javax.sql.DataSource;
import org.oversight.ledger.sequencer.FencedWriteException;
import org.oversight.ledger.sequencer.SequencerFence;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Fences log writes on the lease epoch: inside the writing transaction it reads
 * {@code ledger_leader.epoch} with {@code FOR SHARE} and refuses the write unless it equals the
 * epoch this node obtained when it took the lease. The share lock lasts until the transaction ends
 * and a new leader must update that row to take over ({@link LeaderLease#tryAcquire}), so the
 * takeover and a stale leader's write are serialised: the write either commits first (the new
 * leader then reloads it) or sees the newer epoch and rolls back, unacknowledged.
 */
public final class EpochFence implements SequencerFence {
    /** No epoch: this node is not the leader. */
    static final long NONE = -1;

    private final JdbcTemplate jdbc;
    private volatile long epoch = NONE;

    /** @param dataSource the DataSource of the transactions the sequencer writes in */
    public EpochFence(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Grants writes under {@code epoch} (after this node took the lease and reloaded the log). */
    void grant(long epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("lease epoch " + epoch + " < 1");
        }
        this.epoch = epoch;
    }

    /** Refuses all further writes of this node. */
    void revoke() {
        this.epoch = NONE;
    }

    /** The epoch this node writes under, or -1. */
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean mayWrite() {
        return epoch != NONE;
    }

    @Override
    public void check() {
        long mine = epoch;
        if (mine == NONE) {
            throw new FencedWriteException("this node is not the log's leader");
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("fence checked outside a transaction");
        }
        Long current = jdbc.queryForObject("SELECT epoch FROM ledger_leader WHERE id = 1 FOR SHARE", Long.class);
        if (current == null || current != mine) {
            revoke();
            throw new FencedWriteException("lease epoch is " + current + " but this node leads epoch " + mine
                    + "; another node has taken over the log");
        }
    }

    @Override
    public String toString() {
        return "lease epoch fence (epoch " + epoch + ")";
    }
}
