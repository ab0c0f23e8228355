package org.oversight.ledger.leader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequencer's leader lease: a PostgreSQL session-level advisory lock held on one dedicated
 * connection (the "lease session"). PostgreSQL guarantees at most one session holds it; it is
 * released when that session ends — closed, crashed, or terminated by the server.
 *
 * <p>The lease session sets {@code idle_session_timeout} (PostgreSQL ≥ 14), so the server itself
 * ends the session of a leader that stops talking to it (JVM paused, network partition) after
 * {@code sessionTimeoutMillis}; the leader keeps it alive by checking the lease more often than
 * that. Taking the lease increments the epoch in {@code ledger_leader}, which every log write is
 * fenced on ({@link EpochFence}), so a writer that lost the lease cannot commit afterwards.
 *
 * <p>Thread-safe (one session, used under this object's lock): the {@link LeadershipManager}
 * takes the lease on its thread while a heartbeat thread keeps the session alive, so that long work
 * of a new leader (reloading a large log) does not let the lease session idle out.
 */
public final class LeaderLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private final DataSource sessionSource;
    private final long lockKey;
    private final long sessionTimeoutMillis;
    private Connection session;
    private boolean held;

    /**
     * @param sessionSource unpooled connections to the log's database (a pool could recycle the
     *     lease session)
     * @param lockKey the advisory lock key; all nodes of one log must use the same
     * @param sessionTimeoutMillis the server ends a silent lease session after this long, ≥ 1000
     * @throws IllegalArgumentException if {@code sessionTimeoutMillis < 1000}
     */
    public LeaderLease(DataSource sessionSource, long lockKey, long sessionTimeoutMillis) {
        if (sessionTimeoutMillis < 1000) {
            throw new IllegalArgumentException("lease session timeout " + sessionTimeoutMillis + " ms < 1000");
        }
        this.sessionSource = sessionSource;
        this.lockKey = lockKey;
        this.sessionTimeoutMillis = sessionTimeoutMillis;
    }

    /**
     * Takes the lease if no other session holds it, and on success increments the epoch and records
     * this node as the holder.
     *
     * @return the new epoch, or -1 if another session holds the lease
     * @throws SQLException if the database cannot be reached; the lease is then not held
     */
    public synchronized long tryAcquire(String nodeId, String url) throws SQLException {
        if (held) {
            throw new IllegalStateException("lease already held");
        }
        try {
            Connection c = session();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                s.setLong(1, lockKey);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return -1;
                    }
                }
            }
            held = true;
            // Waits for any transaction still holding the fence's share lock on this row: a stale
            // leader's write either commits before this update (and is reloaded below by the caller)
            // or sees the new epoch and fails.
            try (PreparedStatement s = c.prepareStatement("UPDATE ledger_leader SET epoch = epoch + 1, node_id = ?,"
                    + " url = ?, since = now() WHERE id = 1 RETURNING epoch")) {
                s.setString(1, nodeId);
                s.setString(2, url);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("ledger_leader has no row; schema not created");
                    }
                    return rs.getLong(1);
                }
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Whether this node still holds the lease: the lease session answers and PostgreSQL lists the
     * advisory lock as granted to it. Also keeps the session from idling out.
     */
    public synchronized boolean stillHeld() {
        if (!held) {
            return false;
        }
        try (PreparedStatement s = session.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_locks"
                + " WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted"
                + " AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1)")) {
            s.setLong(1, lockKey >>> 32);
            s.setLong(2, lockKey & 0xffffffffL);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return true;
                }
            }
            LOG.error("lease session is alive but no longer holds advisory lock {}", lockKey);
        } catch (SQLException e) {
            LOG.warn("lease session lost: {}", e.getMessage());
        }
        close();
        return false;
    }

    public synchronized boolean held() {
        return held;
    }

    /**
     * Called every poll interval from a dedicated thread: checks the lease if held, otherwise only
     * keeps an open follower session alive.
     *
     * @return whether the lease is (still) held
     */
    public synchronized boolean heartbeat() {
        if (held) {
            return stillHeld();
        }
        keepAlive();
        return false;
    }

    /** Keeps a follower's idle lease session alive between attempts (cheap). */
    public synchronized void keepAlive() {
        if (session == null) {
            return;
        }
        try (Statement s = session.createStatement()) {
            s.execute("SELECT 1");
        } catch (SQLException e) {
            close();
        }
    }

    private Connection session() throws SQLException {
        if (session != null) {
            return session;
        }
        Connection c = sessionSource.getConnection();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("SET application_name = 'oversight-leader-lease'");
                s.execute("SET idle_session_timeout = " + sessionTimeoutMillis);
            }
            // A partitioned client must not block longer than the server keeps its session.
            c.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, sessionTimeoutMillis * 2));
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        session = c;
        return c;
    }

    /** Ends the lease session, which releases the lease if held. */
    @Override
    public synchronized void close() {
        if (session != null) {
            if (held) {
                // Closing returns before the server's backend has exited and dropped its locks;
                // unlocking first makes the release visible to the next node at once.
                try (Statement s = session.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock_all()");
                } catch (SQLException e) {
                    LOG.debug("unlocking before close: {}", e.getMessage());
                }
            }
            try {
                session.close();
            } catch (SQLException e) {
                LOG.debug("closing lease session: {}", e.getMessage());
            }
            session = null;
        }
        held = false;
    }
}
