package org.oversight.ledger.sequencer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's single writer. It gives leaves consecutive indices 0, 1, 2, ... in one total order, the
 * order in which they are appended under {@link #writerLock()}; that order, not the event store's
 * tracking order, is what the projection and the verifier follow.
 *
 * <p>Usage (see {@code IngestService}): hold the writer lock; inside one database transaction,
 * {@link #begin()} a batch, append leaves, {@link SequencerBatch#persist()} (leaves, tile hashes and
 * the new Merkle state in that same transaction); the new state becomes {@link #committed()} only
 * after the transaction commits. A rolled-back transaction leaves no trace.
 */
public class Sequencer {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);

    private final LeafStore store;
    private final ReentrantLock writerLock = new ReentrantLock(true);
    private final List<Consumer<TreeState>> listeners = new CopyOnWriteArrayList<>();
    private volatile TreeState committed;
    private volatile SequencerFence fence = SequencerFence.SOLE_WRITER;

    /** Loads the persisted state (or the empty tree); the schema must exist. */
    public Sequencer(LeafStore store) {
        this.store = store;
        this.committed = store.readState().orElseGet(() -> TreeState.of(CompactRange.empty()));
        LOG.info("sequencer at {}", committed);
    }

    /** The lock every append must hold, from {@link #begin()} until its transaction has ended. */
    public ReentrantLock writerLock() {
        return writerLock;
    }

    /** The last committed state. */
    public TreeState committed() {
        return committed;
    }

    /**
     * Installs the fence that decides whether this process may write (leadership, see
     * docs/ledger.md "Leadership"); before any write. Default: {@link SequencerFence#SOLE_WRITER}.
     */
    public void installFence(SequencerFence fence) {
        this.fence = java.util.Objects.requireNonNull(fence, "fence");
        LOG.info("sequencer fence: {}", fence);
    }

    /** Whether this process may currently write the log (always true without leadership). */
    public boolean mayWrite() {
        return fence.mayWrite();
    }

    /**
     * Checks the fence inside the caller's transaction (see {@link SequencerFence#check()}).
     *
     * @throws FencedWriteException if this process may not write; roll the transaction back
     */
    public void checkFence() {
        fence.check();
    }

    /**
     * Re-reads the committed state from the store: for a follower that serves reads of a log
     * another process writes, and for a new leader before its first write. Requires the writer lock,
     * so no batch of this process is in flight.
     */
    public TreeState reload() {
        if (!writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sequencer reloaded without holding the writer lock");
        }
        TreeState stored = store.readState().orElseGet(() -> TreeState.of(CompactRange.empty()));
        if (stored.size() < committed.size()) {
            throw new IllegalStateException("stored sequencer state " + stored + " is behind this process's "
                    + committed + "; the log shrank");
        }
        if (stored.size() != committed.size() || !stored.root().equals(committed.root())) {
            committed = stored;
        }
        return committed;
    }

    /**
     * Called with each newly committed state, on the writer's thread, after commit, while the
     * writer lock is held: a listener must be cheap and must not block (hand work to another thread).
     */
    public void addCommitListener(Consumer<TreeState> listener) {
        listeners.add(listener);
    }

    /** Starts a batch on top of the committed state; requires the writer lock. */
    public SequencerBatch begin() {
        if (!writerLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("sequencer batch started without holding the writer lock");
        }
        return new SequencerBatch(this, store, committed);
    }

    void publish(TreeState base, TreeState next) {
        if (committed != base) {
            throw new IllegalStateException("sequencer committed " + next + " on top of " + base
                    + " but the current state is " + committed);
        }
        committed = next;
        for (Consumer<TreeState> l : listeners) {
            try {
                l.accept(next);
            } catch (RuntimeException e) {
                LOG.error("sequencer commit listener failed at {}", next, e);
            }
        }
    }

    LeafStore store() {
        return store;
    }
}
