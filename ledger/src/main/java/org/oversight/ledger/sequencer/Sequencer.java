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

    /** Called with each newly committed state, on the writer's thread, after commit. */
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
