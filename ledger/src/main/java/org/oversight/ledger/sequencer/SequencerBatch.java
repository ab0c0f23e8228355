package org.oversight.ledger.sequencer;

import java.util.ArrayList;
import java.util.List;
import org.oversight.domain.crypto.Sha256Digest;
import org.oversight.domain.merkle.rfc6962.CompactRange;
import org.oversight.domain.merkle.rfc6962.Rfc6962Hashing;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Leaves being appended in one transaction. Indices are assigned at {@link #append} and become
 * real only if the transaction commits after {@link #persist()}.
 */
public final class SequencerBatch {
    /** Tile height: interior hashes are stored every 8 tree levels (C2SP tlog-tiles). */
    static final int TILE_HEIGHT = 8;
    static final int TILE_WIDTH = 1 << TILE_HEIGHT;

    private final Sequencer sequencer;
    private final LeafStore store;
    private final TreeState base;
    private final CompactRange range;
    private final List<Leaf> pending = new ArrayList<>();
    private boolean persisted;

    SequencerBatch(Sequencer sequencer, LeafStore store, TreeState base) {
        this.sequencer = sequencer;
        this.store = store;
        this.base = base;
        this.range = base.toRange();
    }

    /** Appends {@code leaf}; returns its leaf index. */
    public long append(Leaf leaf) {
        if (persisted) {
            throw new IllegalStateException("append after persist");
        }
        long index = range.size();
        range.append(leaf.leafHash());
        pending.add(leaf);
        return index;
    }

    /** The index the next appended leaf would get. */
    public long nextIndex() {
        return range.size();
    }

    public int pendingCount() {
        return pending.size();
    }

    /**
     * Writes the leaves, the newly completed tile-level hashes and the new Merkle state in the
     * current transaction, and arranges for the state to be published when it commits. Requires an
     * active Spring transaction.
     */
    public TreeState persist() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("SequencerBatch.persist needs an active transaction");
        }
        if (persisted) {
            throw new IllegalStateException("batch persisted twice");
        }
        persisted = true;
        TreeState next = TreeState.of(range);
        if (pending.isEmpty()) {
            return base;
        }
        sequencer.checkFence();
        store.insertLeaves(base.size(), pending);
        storeCompletedNodes(base.size(), next.size());
        store.writeState(base, next);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sequencer.publish(base, next);
            }
        });
        return next;
    }

    /**
     * Stores node (8k, j) for every j whose 256^k leaves became complete between the two sizes. A
     * level-8 node's children are leaf hashes: those appended in this batch are taken from
     * {@link #pending} (the very hashes {@link LeafStore#insertLeaves} just wrote), only the ones
     * committed before it are read back; higher levels read their level-8k children from the store.
     */
    private void storeCompletedNodes(long oldSize, long newSize) {
        for (int level = TILE_HEIGHT; level < 63; level += TILE_HEIGHT) {
            long first = oldSize >>> level;
            long last = newSize >>> level;
            if (last == 0) {
                return;
            }
            for (long j = first; j < last; j++) {
                List<Sha256Digest> children = level == TILE_HEIGHT ? leafHashesOfTile(j, oldSize)
                        : store.hashes(level - TILE_HEIGHT, j * TILE_WIDTH, TILE_WIDTH);
                if (children.size() != TILE_WIDTH) {
                    throw new IllegalStateException("tile level " + (level - TILE_HEIGHT) + " has " + children.size()
                            + " hashes under node (" + level + ", " + j + "), expected " + TILE_WIDTH);
                }
                store.insertNode(level, j, fold(children));
            }
        }
    }

    /** The 256 leaf hashes under node (8, {@code j}), complete now; leaves before {@code oldSize} from the store. */
    private List<Sha256Digest> leafHashesOfTile(long j, long oldSize) {
        long start = j * TILE_WIDTH;
        List<Sha256Digest> hashes = new ArrayList<>(TILE_WIDTH);
        if (start < oldSize) {
            hashes.addAll(store.hashes(0, start, (int) (oldSize - start)));
        }
        for (long i = Math.max(start, oldSize); i < start + TILE_WIDTH; i++) {
            hashes.add(pending.get((int) (i - oldSize)).leafHash());
        }
        return hashes;
    }

    /** The root of a perfect subtree whose bottom row is {@code hashes} (a power of two of them). */
    static Sha256Digest fold(List<Sha256Digest> hashes) {
        List<Sha256Digest> row = hashes;
        while (row.size() > 1) {
            List<Sha256Digest> up = new ArrayList<>(row.size() / 2);
            for (int i = 0; i < row.size(); i += 2) {
                up.add(Rfc6962Hashing.nodeHash(row.get(i), row.get(i + 1)));
            }
            row = up;
        }
        return row.get(0);
    }
}
