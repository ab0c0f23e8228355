package org.oversight.ledger.sequencer;

/**
 * Work a node must finish when it becomes the log's writer (leadership: a takeover), after it has
 * reloaded the committed state and rebuilt its in-memory registry from the leaves, and BEFORE it
 * accepts any write. Runs on the leadership thread under the sequencer's writer lock, before the
 * epoch fence is granted, so no write of this node can interleave with it.
 *
 * <p>Throwing aborts the takeover: the node releases the lease again, stays a follower and retries
 * on its next leadership round (another node may take over meanwhile).
 */
@FunctionalInterface
public interface TakeoverStep {
    /** @param treeSize the committed size just reloaded from the database */
    void beforeWrites(long treeSize);
}
