package org.oversight.ledger.leader;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.oversight.ledger.engine.EngineWorker;
import org.oversight.ledger.engine.RecognitionProcessor;
import org.oversight.ledger.sequencer.Checkpointer;
import org.oversight.ledger.sequencer.Sequencer;
import org.oversight.ledger.sequencer.TreeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs this node as leader or follower of the log, on one thread ({@code oversight-leadership})
 * that polls every {@code pollMillis}:
 *
 * <ul>
 *   <li>follower: tries to take the {@link LeaderLease}; otherwise refreshes the sequencer state
 *       and latest checkpoint from the database, so reads served here trail the leader by at most
 *       about one poll;
 *   <li>taking over: with the new epoch, under the writer lock, reloads the sequencer state and
 *       checkpoint, rebuilds the registry (nothing of the old leader's is kept in memory) and runs
 *       the takeover steps (with the log on KurrentDB: mirrors every committed leaf), then
 *       grants the {@link EpochFence}, starts the recognition processor (which replays to its
 *       persisted position) and accepts writes;
 *   <li>leader: checks the lease is still held; if not (session ended), revokes the fence first,
 *       then stops the processor and becomes a follower.
 * </ul>
 *
 * <p>A second thread ({@code oversight-lease-heartbeat}) checks the lease every {@code pollMillis},
 * independently of the first: it keeps the lease session from idling out while a new leader reloads
 * a large log, and revokes the fence the moment it finds the lease lost.
 *
 * <p>Safety never depends on this thread's timing: the fence refuses any write whose epoch is not
 * the database's, whatever this node believes.
 */
public final class LeadershipManager implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(LeadershipManager.class);

    private final LeaderLease lease;
    private final EpochFence fence;
    private final Sequencer sequencer;
    private final Checkpointer checkpointer;
    private final LongConsumer resync;
    private final Optional<RecognitionProcessor> processor;
    private final long enginePollMillis;
    private final JdbcTemplate jdbc;
    private final String nodeId;
    private final Optional<String> url;
    private final long pollMillis;

    private volatile NodeRole role = NodeRole.FOLLOWER;
    private volatile Optional<LeaderInfo> leader = Optional.empty();
    private volatile boolean running;
    private ScheduledExecutorService executor;
    private ScheduledExecutorService heartbeat;
    private EngineWorker worker;

    /**
     * @param resync rebuilds the write path's in-memory state for a tree size (registry, caches) and
     *     runs the {@link org.oversight.ledger.sequencer.TakeoverStep}s (e.g. catching the KurrentDB
     *     aggregate streams up with the log); throwing aborts the takeover
     * @param pollMillis lease check / follower refresh interval, ≥ 10
     */
    public LeadershipManager(LeaderLease lease, EpochFence fence, Sequencer sequencer, Checkpointer checkpointer,
            LongConsumer resync, Optional<RecognitionProcessor> processor, long enginePollMillis,
            DataSource dataSource, String nodeId, Optional<String> url, long pollMillis) {
        if (pollMillis < 10) {
            throw new IllegalArgumentException("leadership poll interval " + pollMillis + " ms < 10");
        }
        this.lease = lease;
        this.fence = fence;
        this.sequencer = sequencer;
        this.checkpointer = checkpointer;
        this.resync = resync;
        this.processor = processor;
        this.enginePollMillis = enginePollMillis;
        this.jdbc = new JdbcTemplate(dataSource);
        this.nodeId = nodeId;
        this.url = url;
        this.pollMillis = pollMillis;
        sequencer.addCommitListener(state -> {
            EngineWorker w = worker;
            if (w != null) {
                w.wake();
            }
        });
    }

    public NodeRole role() {
        return role;
    }

    public boolean isLeader() {
        return role == NodeRole.LEADER;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The lease epoch this node writes under, or -1 as a follower. */
    public long epoch() {
        return fence.epoch();
    }

    /** The last known lease holder (this node when leader). */
    public Optional<LeaderInfo> leader() {
        return leader;
    }

    /** One round: take, keep or lose the lease; as follower refresh the served state. */
    synchronized void poll() {
        try {
            if (role == NodeRole.LEADER) {
                if (!lease.held()) {
                    demote("the lease session ended");
                }
                return;
            }
            long epoch = lease.tryAcquire(nodeId, url.orElse(null));
            if (epoch > 0) {
                promote(epoch);
            } else {
                refreshAsFollower();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("leadership round failed ({}): {}", role, e.toString());
            if (role == NodeRole.LEADER) {
                demote("error: " + e);
            } else if (lease.held()) {
                lease.close();
            }
        }
    }

    /** The heartbeat thread's round; never throws (a scheduled task that throws stops running). */
    private void heartbeat() {
        try {
            if (!lease.heartbeat() && fence.mayWrite()) {
                fence.revoke();
                LOG.warn("node {} lost the log lease; writes refused from now on", nodeId);
            }
        } catch (RuntimeException e) {
            LOG.warn("lease heartbeat failed: {}", e.toString());
        }
    }

    private void promote(long epoch) {
        TreeState state;
        sequencer.writerLock().lock();
        try {
            checkpointer.reloadFromStore();
            state = sequencer.committed();
            resync.accept(state.size());
            if (!lease.held()) {
                throw new IllegalStateException("lease lost while taking over at epoch " + epoch);
            }
            fence.grant(epoch);
            role = NodeRole.LEADER;
        } catch (RuntimeException e) {
            fence.revoke();
            lease.close();
            throw e;
        } finally {
            sequencer.writerLock().unlock();
        }
        leader = Optional.of(new LeaderInfo(nodeId, url, epoch, java.time.Instant.now()));
        LOG.info("LEADER: node {} took the log lease, epoch {}, at {}", nodeId, epoch, state);
        processor.ifPresent(p -> {
            EngineWorker w = new EngineWorker(p, enginePollMillis);
            worker = w;
            w.start();
        });
        checkpointer.tick();
    }

    private void demote(String why) {
        fence.revoke();
        role = NodeRole.FOLLOWER;
        lease.close();
        EngineWorker w = worker;
        worker = null;
        if (w != null) {
            w.close();
        }
        leader = Optional.empty();
        LOG.warn("FOLLOWER: node {} lost the log lease ({}); writes are refused", nodeId, why);
    }

    private void refreshAsFollower() {
        leader = readLeader();
        sequencer.writerLock().lock();
        try {
            checkpointer.reloadFromStore();
        } finally {
            sequencer.writerLock().unlock();
        }
    }

    private Optional<LeaderInfo> readLeader() {
        List<LeaderInfo> rows = jdbc.query("SELECT node_id, url, epoch, since FROM ledger_leader WHERE id = 1"
                + " AND epoch > 0", (rs, i) -> new LeaderInfo(rs.getString(1), Optional.ofNullable(rs.getString(2)),
                rs.getLong(3), rs.getTimestamp(4).toInstant()));
        return rows.stream().findFirst();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oversight-leadership");
            t.setDaemon(true);
            return t;
        });
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oversight-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::heartbeat, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        // The first round runs now, so a lone node leads as soon as the context is up.
        poll();
        executor.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService e;
        ScheduledExecutorService h;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            e = executor;
            h = heartbeat;
        }
        e.shutdownNow();
        h.shutdownNow();
        try {
            e.awaitTermination(10, TimeUnit.SECONDS);
            h.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (role == NodeRole.LEADER) {
                demote("node stopping");
            }
            lease.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
